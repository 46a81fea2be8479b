package swarmsync.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A client of a UDP tracker (BEP 15): connect, then announce with the connection id, which it
 * reuses for a minute; each exchange is retransmitted after {@code 15 * 2^n} seconds (times of
 * its {@link TrackerSettings}), a bounded number of times.
 */
final class UdpTrackerClient implements TrackerClient {
  /** 60 s: how long BEP 15 lets a client use a connection id. */
  static final Duration CONNECTION_ID_LIFETIME = Duration.ofSeconds(60);

  private final URI url;
  private final TrackerSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** BEP 15's key: lets the tracker recognise us if our IP changes; random per client. */
  private final int key = random.nextInt();
  private volatile DatagramSocket socket;
  private volatile boolean closed;
  private long connectionId;
  private Instant connectionIdExpiry = Instant.MIN;

  UdpTrackerClient(URI url, TrackerSettings settings) {
    this(url, settings, Clock.systemUTC());
  }

  UdpTrackerClient(URI url, TrackerSettings settings, Clock clock) {
    if (url.getHost() == null || url.getPort() < 1) {
      throw new IllegalArgumentException("UDP tracker URL needs host and port: " + url);
    }
    this.url = url;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String url() {
    return url.toString();
  }

  @Override
  public synchronized AnnounceResult announce(Announce request) throws IOException {
    InetSocketAddress tracker = new InetSocketAddress(InetAddress.getByName(url.getHost()),
        url.getPort());
    if (socket == null) {
      socket = new DatagramSocket();
    }
    if (closed) {
      socket.close();
      throw new IOException("client of " + url + " is closed");
    }
    int peerBytes = CompactPeers.entrySize(tracker.getAddress());
    try {
      for (int attempt = 0; attempt <= settings.udpRetries(); attempt++) {
        Duration wait = settings.udpTimeout(attempt);
        if (!clock.instant().isBefore(connectionIdExpiry)) {
          int transaction = random.nextInt();
          ByteBuffer reply = exchange(tracker, UdpTrackerPackets.connectRequest(transaction),
              transaction, wait);
          if (reply == null) {
            continue;
          }
          connectionId = UdpTrackerPackets.readConnectReply(reply);
          connectionIdExpiry = clock.instant().plus(CONNECTION_ID_LIFETIME);
        }
        int transaction = random.nextInt();
        ByteBuffer reply = exchange(tracker, UdpTrackerPackets.announceRequest(connectionId,
            transaction, request, key, settings.numWant()), transaction, wait);
        if (reply != null) {
          return UdpTrackerPackets.readAnnounceReply(reply, peerBytes);
        }
      }
    } catch (TrackerException e) {
      connectionIdExpiry = Instant.MIN;
      throw new TrackerException("announce to " + url + ": " + e.getMessage(), e);
    }
    throw new SocketTimeoutException("announce to " + url + ": no reply after "
        + (settings.udpRetries() + 1) + " attempts");
  }

  /**
   * Sends {@code request} and waits up to {@code wait} for the reply of {@code transaction}
   * from the tracker; others' packets and stale replies are skipped. Null on timeout.
   */
  private ByteBuffer exchange(InetSocketAddress tracker, byte[] request, int transaction,
      Duration wait) throws IOException {
    socket.send(new DatagramPacket(request, request.length, tracker));
    long deadline = System.nanoTime() + wait.toNanos();
    byte[] buffer = new byte[UdpTrackerPackets.MAX_PACKET];
    for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return null;
      }
      if (!tracker.equals(packet.getSocketAddress())) {
        continue;
      }
      ByteBuffer reply = ByteBuffer.wrap(buffer, 0, packet.getLength()).slice();
      OptionalInt got = UdpTrackerPackets.transactionOf(reply);
      if (got.isPresent() && got.getAsInt() == transaction) {
        return reply;
      }
    }
    return null;
  }

  /** Closes the socket, also while an announce waits on it (that announce then fails). */
  @Override
  public void close() {
    closed = true;
    DatagramSocket open = socket;
    if (open != null) {
      open.close();
    }
  }
}
