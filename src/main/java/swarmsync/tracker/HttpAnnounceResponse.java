package swarmsync.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import swarmsync.bencode.BDict;
import swarmsync.bencode.BList;
import swarmsync.bencode.BValue;
import swarmsync.bencode.BencodeException;
import swarmsync.bencode.BencodeReader;
import swarmsync.bencode.BencodeWriter;

/**
 * The bencoded body of an HTTP announce reply (BEP 3, compact BEP 23, {@code peers6} BEP 7).
 *
 * <pre>{@code
 * failure:  d 14:failure reason <text> e
 * compact:  d 8:complete i.. 10:incomplete i.. 8:interval i<s> 12:min interval i<s>
 *             5:peers <6 bytes per IPv4 peer> 6:peers6 <18 bytes per IPv6 peer> e
 * list:     ... 5:peers l d 2:ip <text> 7:peer id <20 bytes> 4:port i.. e ... e
 * }</pre>
 */
final class HttpAnnounceResponse {
  /** 7 days in seconds: longer intervals are a broken tracker, not a quiet one. */
  static final long MAX_INTERVAL_SECONDS = 7 * 24 * 3600;
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HttpAnnounceResponse() {}

  /** Parses a reply body; a failure reason or a malformed body is a TrackerException. */
  static AnnounceResult decode(byte[] body) throws TrackerException {
    try {
      BDict reply = BencodeReader.decodeDict(body);
      Optional<BValue> failure = reply.get("failure reason");
      if (failure.isPresent()) {
        throw new TrackerException("tracker refused: " + failure.get().asBytes("failure reason")
            .text());
      }
      long interval = reply.require("interval").asInt("interval")
          .inRange("interval", 0, MAX_INTERVAL_SECONDS);
      Optional<BValue> minInterval = reply.get("min interval");
      if (minInterval.isPresent()) {
        interval = Math.max(interval, minInterval.get().asInt("min interval")
            .inRange("min interval", 0, MAX_INTERVAL_SECONDS));
      }
      List<InetSocketAddress> peers = new ArrayList<>();
      Optional<BValue> list = reply.get("peers");
      if (list.isPresent() && list.get() instanceof BList dicts) {
        peers.addAll(peerDicts(dicts));
      } else if (list.isPresent()) {
        peers.addAll(CompactPeers.decode(list.get().asBytes("peers").bytes(),
            CompactPeers.IPV4_ENTRY));
      }
      Optional<BValue> peers6 = reply.get("peers6");
      if (peers6.isPresent()) {
        peers.addAll(CompactPeers.decode(peers6.get().asBytes("peers6").bytes(),
            CompactPeers.IPV6_ENTRY));
      }
      return new AnnounceResult(Duration.ofSeconds(interval), peers);
    } catch (BencodeException e) {
      throw new TrackerException("malformed tracker reply: " + e.getMessage(), e);
    }
  }

  /** The peers of a non-compact list; entries whose ip is a DNS name are left out. */
  private static List<InetSocketAddress> peerDicts(BList dicts) throws BencodeException,
      TrackerException {
    List<InetSocketAddress> peers = new ArrayList<>();
    for (BValue value : dicts.values()) {
      BDict peer = value.asDict("peers entry");
      String ip = peer.require("ip").asBytes("ip").text();
      int port = (int) peer.require("port").asInt("port").inRange("port", 0, 65535);
      Optional<InetAddress> address = literal(ip);
      if (address.isPresent()) {
        peers.add(new InetSocketAddress(address.get(), port));
      }
    }
    return peers;
  }

  /**
   * The address of an IP literal, or empty for a DNS name: names from a tracker are not
   * resolved, so untrusted input never causes lookups.
   */
  private static Optional<InetAddress> literal(String ip) throws TrackerException {
    if (!IPV4_LITERAL.matcher(ip).matches() && !ip.contains(":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(ip));
    } catch (UnknownHostException e) {
      throw new TrackerException("peer ip '" + ip + "' is not a valid address", e);
    }
  }

  /** A failure reply: {@code d14:failure reason<len>:<text>e}. */
  static byte[] failure(String reason) {
    return BencodeWriter.encode(BDict.builder().put("failure reason", reason).build());
  }

  /**
   * A reply listing {@code peers}: compact (IPv4 in {@code peers}, IPv6 in {@code peers6}) or
   * a list of dictionaries, with peer ids unless {@code noPeerId}.
   */
  static byte[] encode(Duration interval, List<SwarmPeer> peers, int complete, int incomplete,
      boolean compact, boolean noPeerId) {
    BDict.Builder reply = BDict.builder()
        .put("interval", interval.toSeconds())
        .put("min interval", interval.toSeconds() / 2)
        .put("complete", complete)
        .put("incomplete", incomplete);
    List<InetSocketAddress> addresses = peers.stream().map(SwarmPeer::address).toList();
    if (compact) {
      reply.put("peers", CompactPeers.encode(addresses, CompactPeers.IPV4_ENTRY));
      byte[] peers6 = CompactPeers.encode(addresses, CompactPeers.IPV6_ENTRY);
      if (peers6.length > 0) {
        reply.put("peers6", peers6);
      }
    } else {
      List<BValue> entries = new ArrayList<>();
      for (SwarmPeer peer : peers) {
        BDict.Builder entry = BDict.builder()
            .put("ip", peer.address().getAddress().getHostAddress())
            .put("port", peer.address().getPort());
        if (!noPeerId) {
          entry.put("peer id", peer.peerId());
        }
        entries.add(entry.build());
      }
      reply.put("peers", new BList(entries));
    }
    return BencodeWriter.encode(reply.build());
  }
}
