package swarmsync.tracker;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The packets of the UDP tracker protocol (BEP 15) that a client sends and a server answers.
 * All integers big-endian.
 *
 * <pre>{@code
 * connect   <protocol_id:u64 = 0x41727101980><action:u32 = 0><transaction_id:u32>  16 B
 *        -> <action:u32 = 0><transaction_id:u32><connection_id:u64>                 16 B
 * announce  <connection_id:u64><action:u32 = 1><transaction_id:u32><info_hash:20>
 *           <peer_id:20><downloaded:u64><left:u64><uploaded:u64><event:u32>
 *           <ip:u32 = 0><key:u32><num_want:i32><port:u16>                       98 B
 *        -> <action:u32 = 1><transaction_id:u32><interval:u32><leechers:u32>
 *           <seeders:u32>(<ip:4 or 16><port:u16>)*                          20 B + peers
 * scrape    <connection_id:u64><action:u32 = 2><transaction_id:u32>(<info_hash:20>)*
 *        -> <action:u32 = 2><transaction_id:u32>(<seeders:u32><completed:u32>
 *           <leechers:u32>)*
 * error  -> <action:u32 = 3><transaction_id:u32><message: UTF-8 text>
 * }</pre>
 */
final class UdpTrackerPackets {
  static final long PROTOCOL_ID = 0x41727101980L;
  static final int CONNECT = 0;
  static final int ANNOUNCE = 1;
  static final int SCRAPE = 2;
  static final int ERROR = 3;
  static final int CONNECT_BYTES = 16;
  static final int ANNOUNCE_BYTES = 98;
  static final int ANNOUNCE_REPLY_HEADER = 20;
  static final int SCRAPE_HEADER = 16;
  /** 74 info_hashes: BEP 15's limit, so a scrape reply fits one packet. */
  static final int MAX_SCRAPE_HASHES = 74;
  /** 1,500 bytes: an Ethernet MTU; no request of BEP 15 is longer (scrape: 16 + 74 * 20). */
  static final int MAX_PACKET = 1500;

  private UdpTrackerPackets() {}

  static byte[] connectRequest(int transactionId) {
    return ByteBuffer.allocate(CONNECT_BYTES).putLong(PROTOCOL_ID).putInt(CONNECT)
        .putInt(transactionId).array();
  }

  static byte[] connectReply(int transactionId, long connectionId) {
    return ByteBuffer.allocate(CONNECT_BYTES).putInt(CONNECT).putInt(transactionId)
        .putLong(connectionId).array();
  }

  static byte[] announceRequest(long connectionId, int transactionId, Announce announce,
      int key, int numWant) {
    return ByteBuffer.allocate(ANNOUNCE_BYTES)
        .putLong(connectionId).putInt(ANNOUNCE).putInt(transactionId)
        .put(announce.infoHash()).put(announce.peerId())
        .putLong(0).putLong(0).putLong(0)
        .putInt(announce.event().udpCode())
        .putInt(0).putInt(key).putInt(numWant)
        .putShort((short) announce.port())
        .array();
  }

  static byte[] announceReply(int transactionId, Duration interval, int leechers, int seeders,
      byte[] compactPeers) {
    return ByteBuffer.allocate(ANNOUNCE_REPLY_HEADER + compactPeers.length)
        .putInt(ANNOUNCE).putInt(transactionId).putInt((int) interval.toSeconds())
        .putInt(leechers).putInt(seeders).put(compactPeers).array();
  }

  static byte[] scrapeReply(int transactionId, List<int[]> counts) {
    ByteBuffer reply = ByteBuffer.allocate(8 + counts.size() * 12)
        .putInt(SCRAPE).putInt(transactionId);
    counts.forEach(c -> reply.putInt(c[0]).putInt(c[1]).putInt(c[2]));
    return reply.array();
  }

  static byte[] error(int transactionId, String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + text.length).putInt(ERROR).putInt(transactionId).put(text)
        .array();
  }

  /**
   * The connection id of a connect reply. Replies of another transaction are the caller's to
   * skip (see {@link #transactionOf}); an error reply is a TrackerException.
   */
  static long readConnectReply(ByteBuffer reply) throws TrackerException {
    expect(reply, CONNECT, "connect");
    if (reply.remaining() < 8) {
      throw new TrackerException("connect reply of " + reply.limit() + " bytes, want "
          + CONNECT_BYTES);
    }
    return reply.getLong();
  }

  /** The interval and peers of an announce reply; peers of {@code peerBytes} each. */
  static AnnounceResult readAnnounceReply(ByteBuffer reply, int peerBytes)
      throws TrackerException {
    expect(reply, ANNOUNCE, "announce");
    if (reply.remaining() < ANNOUNCE_REPLY_HEADER - 8) {
      throw new TrackerException("announce reply of " + reply.limit() + " bytes, want at least "
          + ANNOUNCE_REPLY_HEADER + " (opentracker answers 8 bytes for an info_hash not on"
          + " its whitelist)");
    }
    long interval = reply.getInt() & 0xffffffffL;
    reply.getInt();
    reply.getInt();
    List<InetSocketAddress> peers = CompactPeers.decode(reply.array(), reply.position(),
        reply.remaining(), peerBytes);
    return new AnnounceResult(Duration.ofSeconds(interval), peers);
  }

  /** The transaction id of a reply, or empty if it is too short to carry one. */
  static OptionalInt transactionOf(ByteBuffer reply) {
    return reply.limit() < 8 ? OptionalInt.empty() : OptionalInt.of(reply.getInt(4));
  }

  /** Reads action and transaction id; an error action becomes the tracker's message. */
  private static void expect(ByteBuffer reply, int action, String step) throws TrackerException {
    if (reply.remaining() < 8) {
      throw new TrackerException(step + " reply of " + reply.remaining() + " bytes");
    }
    int got = reply.getInt();
    reply.getInt();
    if (got == ERROR) {
      byte[] text = new byte[reply.remaining()];
      reply.get(text);
      throw new TrackerException("tracker error on " + step + ": "
          + new String(text, StandardCharsets.UTF_8));
    }
    if (got != action) {
      throw new TrackerException(step + " reply has action " + got + ", want " + action);
    }
  }
}
