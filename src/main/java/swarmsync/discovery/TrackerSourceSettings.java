package swarmsync.discovery;

import java.time.Duration;
import swarmsync.tracker.TrackerSettings;

/**
 * The timing of {@link TrackerSource}; production uses {@link #DEFAULTS}, tests shorten it.
 *
 * @param minInterval shortest wait between announces, whatever a tracker asks
 * @param maxInterval longest wait between announces, whatever a tracker asks
 * @param retryDelay  first wait after a failed announce; doubles per failure in a row, up to
 *                    {@code maxInterval}
 * @param closeWait   longest {@link TrackerSource#close()} waits for the stopped announces
 * @param client      timeouts of each announce
 */
public record TrackerSourceSettings(Duration minInterval, Duration maxInterval,
    Duration retryDelay, Duration closeWait, TrackerSettings client) {
  /** 30 s: no tracker is asked more often, even one that gives an interval of 0. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
  /** 30 min: a peer that joins is found within half an hour even if a tracker asks for a day. */
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(30);
  /** 60 s: a tracker that is briefly down is asked again soon, one that stays down seldom. */
  public static final Duration RETRY_DELAY = Duration.ofSeconds(60);
  /** 5 s: shutting down waits this long at most for trackers to hear that we stopped. */
  public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  public static final TrackerSourceSettings DEFAULTS = new TrackerSourceSettings(MIN_INTERVAL,
      MAX_INTERVAL, RETRY_DELAY, CLOSE_WAIT, TrackerSettings.DEFAULTS);

  public TrackerSourceSettings {
    if (minInterval.toMillis() < 1 || minInterval.compareTo(maxInterval) > 0) {
      throw new IllegalArgumentException("need 1 ms <= minInterval <= maxInterval, got "
          + minInterval + " and " + maxInterval);
    }
    if (retryDelay.toMillis() < 1 || closeWait.isNegative()) {
      throw new IllegalArgumentException("retryDelay must be at least 1 ms and closeWait not"
          + " negative, got " + retryDelay + " and " + closeWait);
    }
  }

  /** {@code interval} brought into {@code [minInterval, maxInterval]}. */
  Duration clamp(Duration interval) {
    if (interval.compareTo(minInterval) < 0) {
      return minInterval;
    }
    return interval.compareTo(maxInterval) > 0 ? maxInterval : interval;
  }

  /** The wait after {@code failures} failed announces in a row (at least 1). */
  Duration retryAfter(int failures) {
    int doublings = Math.min(failures - 1, 20);
    return clamp(retryDelay.multipliedBy(1L << doublings));
  }
}
