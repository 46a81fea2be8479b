package swarmsync.dht;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP for incoming queries: {@code burst} queries back to back, then
 * {@code perSecond} a second. Remembers at most {@value #MAX_TRACKED_IPS} IPs (the least recently
 * seen is forgotten, which only ever lets it through again). Thread-safe.
 */
final class QueryRateLimiter {
  /** Source IPs tracked at once; bounds memory under a flood of spoofed addresses. */
  static final int MAX_TRACKED_IPS = 4096;

  /** Fractions of a query a bucket counts in, so refills need no floating point. */
  private static final long MILLI = 1000;

  private final Clock clock;
  private final long perSecond;
  private final long burst;
  /** Per IP: {milli-queries left, millis of the last refill}. */
  private final Map<InetAddress, long[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
      return size() > MAX_TRACKED_IPS;
    }
  };

  QueryRateLimiter(Clock clock, int perSecond, int burst) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one token for this IP; false when it has none left and the query is to be dropped. */
  synchronized boolean tryAcquire(InetAddress source) {
    long now = clock.millis();
    long[] b = buckets.computeIfAbsent(source, ip -> new long[] {burst * MILLI, now});
    long elapsed = Math.max(0, now - b[1]);
    b[0] = Math.min(burst * MILLI, b[0] + elapsed * perSecond);
    b[1] = now;
    if (b[0] < MILLI) {
      return false;
    }
    b[0] -= MILLI;
    return true;
  }
}
