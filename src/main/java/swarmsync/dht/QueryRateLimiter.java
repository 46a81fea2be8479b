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

  private final Clock clock;
  private final double perSecond;
  private final double burst;
  private final Map<InetAddress, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
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
    double nowSeconds = clock.millis() / 1000.0;
    double[] b = buckets.computeIfAbsent(source, ip -> new double[] {burst, nowSeconds});
    b[0] = Math.min(burst, b[0] + (nowSeconds - b[1]) * perSecond);
    b[1] = nowSeconds;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
