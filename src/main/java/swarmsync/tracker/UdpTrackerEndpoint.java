package swarmsync.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP side of our tracker (BEP 15): answers connect, announce and scrape packets on one
 * socket, and answers malformed ones with an error packet. Layouts: {@link UdpTrackerPackets}.
 */
final class UdpTrackerEndpoint implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpTrackerEndpoint.class);
  /** 1 s receive timeout: how soon the loop notices the socket was closed at the latest. */
  private static final int RECEIVE_TIMEOUT_MS = 1000;
  /** BEP 15: packets shorter than a connect request are ignored, not answered. */
  private static final int MIN_REQUEST = 16;

  private final DatagramSocket socket;
  private final Swarms swarms;
  private final ConnectionIds connectionIds;
  private final Duration interval;

  UdpTrackerEndpoint(DatagramSocket socket, Swarms swarms, ConnectionIds connectionIds,
      Duration interval) {
    this.socket = socket;
    this.swarms = swarms;
    this.connectionIds = connectionIds;
    this.interval = interval;
  }

  /** Serves until the socket is closed. */
  @Override
  public void run() {
    byte[] buffer = new byte[UdpTrackerPackets.MAX_PACKET];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
        socket.receive(packet);
        InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
        byte[] reply = answer(ByteBuffer.wrap(buffer, 0, packet.getLength()).slice(), from);
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, from));
        }
      } catch (SocketTimeoutException e) {
        // poll the closed flag
      } catch (IOException | RuntimeException e) {
        if (!socket.isClosed()) {
          LOG.warn("UDP tracker on {}: {}", socket.getLocalSocketAddress(), e.toString());
        }
      }
    }
  }

  /** The reply to one request packet from {@code from}, or null for one to ignore. */
  byte[] answer(ByteBuffer request, InetSocketAddress from) {
    if (request.remaining() < MIN_REQUEST) {
      LOG.debug("ignoring UDP packet of {} bytes from {}", request.remaining(), from);
      return null;
    }
    long connectionId = request.getLong();
    int action = request.getInt();
    int transaction = request.getInt();
    try {
      if (action == UdpTrackerPackets.CONNECT) {
        if (connectionId != UdpTrackerPackets.PROTOCOL_ID) {
          throw new TrackerException("connect without protocol_id 0x41727101980");
        }
        return UdpTrackerPackets.connectReply(transaction,
            connectionIds.issue(from.getAddress()));
      }
      if (action != UdpTrackerPackets.ANNOUNCE && action != UdpTrackerPackets.SCRAPE) {
        throw new TrackerException("unknown action " + action);
      }
      if (!connectionIds.valid(connectionId, from.getAddress())) {
        throw new TrackerException("unknown or expired connection id");
      }
      return action == UdpTrackerPackets.ANNOUNCE ? announce(request, transaction, from)
          : scrape(request, transaction);
    } catch (TrackerException e) {
      LOG.debug("UDP tracker refused {}: {}", from, e.getMessage());
      return UdpTrackerPackets.error(transaction, e.getMessage());
    }
  }

  private byte[] announce(ByteBuffer request, int transaction, InetSocketAddress from)
      throws TrackerException {
    if (request.limit() < UdpTrackerPackets.ANNOUNCE_BYTES) {
      throw new TrackerException("announce of " + request.limit() + " bytes, want "
          + UdpTrackerPackets.ANNOUNCE_BYTES);
    }
    byte[] infoHash = new byte[Announce.ID_BYTES];
    byte[] peerId = new byte[Announce.ID_BYTES];
    request.get(infoHash).get(peerId);
    request.getLong();
    long left = request.getLong();
    request.getLong();
    int eventCode = request.getInt();
    request.getInt();
    request.getInt();
    int numWant = request.getInt();
    int port = request.getShort() & 0xffff;
    Event event = Event.ofUdpCode(eventCode);
    if (event == null) {
      throw new TrackerException("unknown event " + eventCode);
    }
    if (port == 0) {
      throw new TrackerException("port 0");
    }
    SwarmPeer peer = new SwarmPeer(new InetSocketAddress(from.getAddress(), port), peerId,
        left == 0);
    Swarms.Reply reply = swarms.announce(infoHash, peer, event, numWant);
    List<InetSocketAddress> peers = reply.peers().stream().map(SwarmPeer::address).toList();
    byte[] compact = CompactPeers.encode(peers, CompactPeers.entrySize(from.getAddress()));
    return UdpTrackerPackets.announceReply(transaction, interval, reply.leechers(),
        reply.seeders(), compact);
  }

  private byte[] scrape(ByteBuffer request, int transaction) throws TrackerException {
    int hashes = request.remaining() / Announce.ID_BYTES;
    if (hashes < 1 || hashes > UdpTrackerPackets.MAX_SCRAPE_HASHES
        || request.remaining() % Announce.ID_BYTES != 0) {
      throw new TrackerException("scrape of " + request.limit() + " bytes, want 16 + 20 * n"
          + " with n in [1, " + UdpTrackerPackets.MAX_SCRAPE_HASHES + "]");
    }
    List<int[]> counts = new ArrayList<>(hashes);
    for (int i = 0; i < hashes; i++) {
      byte[] infoHash = new byte[Announce.ID_BYTES];
      request.get(infoHash);
      counts.add(swarms.scrape(infoHash));
    }
    return UdpTrackerPackets.scrapeReply(transaction, counts);
  }
}
