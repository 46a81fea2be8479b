package swarmsync.relay;

/**
 * A token bucket of bytes per second with one second of burst: {@link #acquire} blocks until
 * the bytes may pass. A rate of 0 lets everything through at once.
 */
final class ByteRate {
  private final long bytesPerSecond;
  private double tokens;
  private long lastNanos = System.nanoTime();

  ByteRate(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    this.tokens = bytesPerSecond;
  }

  /** Waits until {@code bytes} fit in the rate. */
  void acquire(int bytes) throws InterruptedException {
    if (bytesPerSecond == 0) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(bytesPerSecond, tokens + (now - lastNanos) * bytesPerSecond / 1e9);
      lastNanos = now;
      tokens -= bytes;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / bytesPerSecond);
    }
    if (waitNanos > 0) {
      Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
    }
  }
}
