package swarmsync.net;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Exponential redial delays: a base doubling up to a cap, each shortened by random jitter. */
final class Backoff {
  /**
   * Share of a delay that jitter may remove (0.25: a 60 s delay becomes 45 to 60 s), so two
   * devices that lost each other at the same moment do not redial in lockstep, and peers of a
   * restarted device do not all arrive at once. Jitter only shortens, so the cap holds.
   */
  static final double JITTER = 0.25;

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;
  private Duration nominal;

  /** Delays from {@code base} doubling to {@code max}; {@code random} gives values in [0, 1). */
  Backoff(Duration base, Duration max, DoubleSupplier random) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base
          + ", max " + max);
    }
    this.base = base;
    this.max = max;
    this.random = random;
    this.nominal = base;
  }

  Backoff(Duration base, Duration max) {
    this(base, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The next delay to wait; each call doubles the following one, up to the cap. */
  Duration next() {
    Duration delay = nominal;
    nominal = delay.multipliedBy(2).compareTo(max) > 0 ? max : delay.multipliedBy(2);
    long nanos = delay.toNanos();
    return Duration.ofNanos(nanos - (long) (nanos * JITTER * random.getAsDouble()));
  }

  /** Starts the sequence again from the base, after a connection proved the peer reachable. */
  void reset() {
    nominal = base;
  }
}
