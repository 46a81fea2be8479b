package swarmsync.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.record.DeviceId;

/**
 * What {@link LanSource} does with one received datagram: rate-limit its source, decode it, drop
 * our own, report the shared discovery ids, and ask for an early answer to a newcomer.
 */
final class LanReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(LanReceiver.class);
  /** Devices remembered as already heard; beyond that the least recently heard is forgotten. */
  static final int MAX_DEVICES = 1024;

  private final DeviceId self;
  private final Supplier<Set<String>> ourIds;
  private final FoundPeers found;
  private final Runnable answerNewcomer;
  private final Clock clock;
  private final Duration forgetAfter;
  private final LanRateLimiter limiter;
  private final Map<DeviceId, Instant> lastHeard = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DeviceId, Instant> eldest) {
      return size() > MAX_DEVICES;
    }
  };

  /**
   * @param ourIds         the discovery ids we announce, read on every packet
   * @param answerNewcomer called when a device sharing an id is heard for the first time (or
   *                       again after {@code forgetAfter}); the caller rate-limits the answer
   * @param forgetAfter    silence after which a device counts as new again
   */
  LanReceiver(DeviceId self, Supplier<Set<String>> ourIds, FoundPeers found,
      Runnable answerNewcomer, Clock clock, Duration forgetAfter) {
    this.self = self;
    this.ourIds = ourIds;
    this.found = found;
    this.answerNewcomer = answerNewcomer;
    this.clock = clock;
    this.forgetAfter = forgetAfter;
    this.limiter = new LanRateLimiter(clock);
  }

  /** Handles the datagram in {@code data} (position to limit) sent from {@code source}. */
  synchronized void receive(ByteBuffer data, InetSocketAddress source) {
    InetAddress from = source.getAddress();
    if (!limiter.allow(from)) {
      LOG.debug("dropping LAN packet from {}: over {} packets/s", from,
          LanRateLimiter.PACKETS_PER_SECOND);
      return;
    }
    LanPacket packet;
    try {
      packet = LanPacket.decode(data);
    } catch (LanPacketException e) {
      LOG.debug("dropping LAN packet from {}: {}", source, e.getMessage());
      return;
    }
    if (packet.deviceId().equals(self)) {
      return;
    }
    Set<String> ours = ourIds.get();
    boolean shared = false;
    for (String id : packet.discoveryIds()) {
      if (ours.contains(id)) {
        shared = true;
        found.found(id, new InetSocketAddress(from, packet.port()), "lan");
      }
    }
    if (shared && isNewcomer(packet.deviceId())) {
      answerNewcomer.run();
    }
  }

  private boolean isNewcomer(DeviceId device) {
    Instant now = clock.instant();
    Instant before = lastHeard.put(device, now);
    return before == null || before.plus(forgetAfter).isBefore(now);
  }
}
