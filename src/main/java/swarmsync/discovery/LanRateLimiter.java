package swarmsync.discovery;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address, so one chatty or hostile host on the LAN cannot make us
 * decode and report without bound. Not thread-safe: its owner serializes calls.
 */
final class LanRateLimiter {
  /**
   * Packets a source may send in a burst: a node with 300 folders sends 5 packets to each of 3
   * destinations per round, twice when it answers a newcomer.
   */
  static final int BURST_PACKETS = 40;
  /** Sustained packets per second per source: far above any honest node's rate. */
  static final double PACKETS_PER_SECOND = 4;
  /** Sources remembered; the least recently heard is forgotten first. */
  static final int MAX_SOURCES = 1024;

  private final Clock clock;
  private final Map<InetAddress, double[]> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
          return size() > MAX_SOURCES;
        }
      };

  LanRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Takes a token for one packet from {@code source}; false when its bucket is empty. */
  boolean allow(InetAddress source) {
    double nowSeconds = clock.millis() / 1000.0;
    double[] bucket = buckets.computeIfAbsent(source, s -> new double[] {BURST_PACKETS,
        nowSeconds});
    double elapsed = Math.max(0, nowSeconds - bucket[1]);
    bucket[0] = Math.min(BURST_PACKETS, bucket[0] + elapsed * PACKETS_PER_SECOND);
    bucket[1] = nowSeconds;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }
}
