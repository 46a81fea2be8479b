package swarmsync.tracker;

import java.time.Duration;

/**
 * Time and size limits of the tracker clients; production uses {@link #DEFAULTS}, tests shorten
 * the times.
 *
 * @param httpTimeout      longest a whole HTTP announce (connect, request, response) may take
 * @param udpFirstTimeout  wait for the first UDP reply; BEP 15 doubles it on every retry
 * @param udpRetries       retransmissions after the first UDP attempt (BEP 15 allows 8)
 * @param numWant          peers asked for per announce
 */
public record TrackerSettings(Duration httpTimeout, Duration udpFirstTimeout, int udpRetries,
    int numWant) {
  /** 20 s: trackers answer in well under a second; a stalled one must not hold us long. */
  public static final Duration HTTP_TIMEOUT = Duration.ofSeconds(20);
  /** 15 s: the first wait BEP 15 prescribes ({@code 15 * 2^n} seconds). */
  public static final Duration UDP_FIRST_TIMEOUT = Duration.ofSeconds(15);
  /**
   * 2 retries: 15 + 30 + 60 s = 105 s at most per announce instead of BEP 15's hour; the next
   * periodic announce tries again anyway.
   */
  public static final int UDP_RETRIES = 2;
  /** 50 peers: BEP 3's usual default; more peers of a folder than that are rare. */
  public static final int NUM_WANT = 50;
  /** 16: BEP 15's retry exponent ends at 8; twice that would wait years. */
  private static final int MAX_UDP_RETRIES = 16;

  public static final TrackerSettings DEFAULTS =
      new TrackerSettings(HTTP_TIMEOUT, UDP_FIRST_TIMEOUT, UDP_RETRIES, NUM_WANT);

  public TrackerSettings {
    if (httpTimeout.toMillis() < 1 || udpFirstTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least 1 ms, got http "
          + httpTimeout + ", udp " + udpFirstTimeout);
    }
    if (udpRetries < 0 || udpRetries > MAX_UDP_RETRIES) {
      throw new IllegalArgumentException("udpRetries must be in [0, " + MAX_UDP_RETRIES
          + "], got " + udpRetries);
    }
    if (numWant < 0) {
      throw new IllegalArgumentException("numWant must not be negative, got " + numWant);
    }
  }

  /** The UDP wait of attempt {@code n} (0 is the first): {@code udpFirstTimeout * 2^n}. */
  Duration udpTimeout(int attempt) {
    return udpFirstTimeout.multipliedBy(1L << attempt);
  }
}
