package swarmsync.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One relayed session at our relay server: two plain sockets joined by a key, each end's bytes
 * copied to the other under a per-direction rate, closed when either end leaves or both are
 * idle too long. The relay sees only what the ends send: TLS records between two devices.
 */
final class RelaySession {
  /** Copy buffer: one TLS record. */
  private static final int BUFFER_BYTES = 16 * 1024;

  private final String key;
  private final RelayLimits limits;
  private final AtomicLong relayed;
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private Socket first;
  private Socket second;
  private boolean closed;

  RelaySession(String key, RelayLimits limits, AtomicLong relayed) {
    this.key = key;
    this.limits = limits;
    this.relayed = relayed;
  }

  String key() {
    return key;
  }

  /** Adds an end; false if the session already has two or is closed. */
  synchronized boolean add(Socket end) {
    if (closed || second != null) {
      return false;
    }
    if (first == null) {
      first = end;
    } else {
      second = end;
      notifyAll();
    }
    return true;
  }

  synchronized boolean active() {
    return second != null && !closed;
  }

  /**
   * Waits for the other end (up to the join timeout), then copies {@code end}'s bytes to it
   * until either side stops; closes the session on return.
   */
  void pump(Socket end) throws IOException, InterruptedException {
    Socket other;
    synchronized (this) {
      long deadline = System.nanoTime() + limits.joinTimeout().toNanos();
      while (second == null && !closed && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      if (second == null || closed) {
        close();
        throw new IOException("the other end did not join within "
            + limits.joinTimeout().toSeconds() + " s");
      }
      other = end == first ? second : first;
    }
    try {
      copy(end, other);
    } finally {
      close();
    }
  }

  private void copy(Socket from, Socket to) throws IOException, InterruptedException {
    ByteRate rate = new ByteRate(limits.bytesPerSecond());
    long idleNanos = limits.idleTimeout().toNanos();
    from.setSoTimeout(Math.toIntExact(Math.max(10, Math.min(1000,
        limits.idleTimeout().toMillis() / 4))));
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    byte[] buffer = new byte[BUFFER_BYTES];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        if (System.nanoTime() - lastActivity.get() >= idleNanos) {
          throw new IOException("idle for " + Duration.ofNanos(idleNanos).toMillis() + " ms");
        }
        continue;
      }
      if (n < 0) {
        return;
      }
      rate.acquire(n);
      out.write(buffer, 0, n);
      out.flush();
      relayed.addAndGet(n);
      lastActivity.set(System.nanoTime());
    }
  }

  /** Closes both ends; later calls do nothing. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    notifyAll();
    RelayServer.closeQuietly(first);
    RelayServer.closeQuietly(second);
  }

  synchronized boolean isClosed() {
    return closed;
  }
}
