package swarmsync.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds peers on the local network: announces this node's discovery ids by UDP multicast (IPv4
 * and IPv6) and IPv4 broadcast on every selected interface, and reports devices whose
 * announcements share an id. Layout and timing: docs/discovery.md section 2.
 *
 * <p>Threads (daemons, named after the port): {@code lan-announce-PORT} sends and refreshes
 * interfaces; {@code lan-receive-v4-PORT} and {@code lan-receive-v6-PORT} receive and call
 * {@link FoundPeers} in turn, so that callback should return quickly. {@link #close} closes the
 * sockets, which ends the receivers.
 */
public final class LanSource implements PeerSource {
  private static final Logger LOG = LoggerFactory.getLogger(LanSource.class);
  /**
   * Least time between two announcements outside the periodic ones (answers to newcomers,
   * changed ids): fast enough that a newcomer hears us within a second, slow enough that a LAN
   * of newcomers cannot make us flood it.
   */
  static final Duration MIN_EARLY_GAP = Duration.ofMillis(500);
  /** Bytes read per datagram: larger than any valid packet, so an oversize one is seen whole. */
  private static final int RECEIVE_BUFFER_BYTES = 2048;

  private final LanSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private volatile Set<String> ids = Set.of();
  private LanChannels channels;
  private LocalNode self;
  private final List<Thread> receivers = new ArrayList<>();
  /** Guarded by this: whether an early announcement is queued, and when the last one ran. */
  private boolean earlyQueued;
  private long lastEarlyMillis = Long.MIN_VALUE / 2;
  private volatile boolean closed;

  public LanSource(LanSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lan-announce-" + settings.port());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return "lan";
  }

  @Override
  public synchronized void start(LocalNode node, FoundPeers found) throws IOException {
    if (channels != null || closed) {
      throw new IllegalStateException("LanSource on UDP " + settings.port() + " was already "
          + (closed ? "closed" : "started"));
    }
    self = node;
    channels = LanChannels.open(settings);
    LanReceiver receiver = new LanReceiver(node.deviceId(), () -> ids, found,
        this::announceEarly, clock, settings.interval().multipliedBy(2));
    for (DatagramChannel channel : channels.channels()) {
      String family = channels.isIpv6(channel) ? "v6" : "v4";
      Thread t = new Thread(() -> receiveLoop(channel, receiver),
          "lan-receive-" + family + "-" + settings.port());
      t.setDaemon(true);
      t.start();
      receivers.add(t);
    }
    long periodMs = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::announceNow, 0, periodMs, TimeUnit.MILLISECONDS);
    LOG.info("LAN discovery on UDP {} ({}, {})", settings.port(),
        settings.ipv4Group().getHostAddress(), settings.ipv6Group().getHostAddress());
  }

  @Override
  public void announce(Set<String> discoveryIds) {
    Set<String> next = Set.copyOf(discoveryIds);
    next.forEach(LanPacket::checkId);
    boolean changed = !next.equals(ids);
    ids = next;
    if (changed) {
      announceEarly();
    }
  }

  /** Queues an announcement now, or at the end of {@link #MIN_EARLY_GAP} after the last one. */
  private synchronized void announceEarly() {
    if (channels == null || closed || earlyQueued) {
      return;
    }
    earlyQueued = true;
    long wait = Math.max(0, lastEarlyMillis + MIN_EARLY_GAP.toMillis() - clock.millis());
    scheduler.schedule(() -> {
      synchronized (this) {
        earlyQueued = false;
        lastEarlyMillis = clock.millis();
      }
      announceNow();
    }, wait, TimeUnit.MILLISECONDS);
  }

  /** Refreshes interfaces and memberships, then sends our packets; runs on the scheduler. */
  private void announceNow() {
    try {
      List<LanInterfaces.Usable> interfaces = LanInterfaces.list(settings.interfaces());
      channels.refresh(interfaces);
      Set<String> current = ids;
      if (current.isEmpty()) {
        return;
      }
      List<byte[]> packets = new ArrayList<>();
      for (LanPacket p : LanPacket.split(self.deviceId(), self.listenPort(), current)) {
        packets.add(p.encode());
      }
      channels.send(packets, interfaces);
    } catch (RuntimeException e) {
      LOG.warn("LAN announcement failed", e);
    }
  }

  private void receiveLoop(DatagramChannel channel, LanReceiver receiver) {
    ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER_BYTES);
    boolean ipv6 = channels.isIpv6(channel);
    while (!closed) {
      try {
        buffer.clear();
        InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
        buffer.flip();
        if (ipv6 && from.getAddress() instanceof Inet4Address) {
          continue; // the dual-stack IPv6 socket also hears IPv4; the IPv4 channel handles it
        }
        receiver.receive(buffer, from);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.debug("receiving on LAN channel: {}", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    scheduler.shutdownNow();
    if (channels != null) {
      channels.close();
    }
    for (Thread t : receivers) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
