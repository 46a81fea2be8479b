package swarmsync.node;

import java.util.concurrent.Semaphore;
import swarmsync.protocol.Limits;

/**
 * How much this node may have requested from one peer and not yet received: kept under the
 * peer's own limits (requests and bytes in flight, see {@link Limits}), so the engine can pull
 * many files at once without the peer closing the connection for flooding it.
 */
final class RequestBudget {
  /** Requests in flight per peer: half the peer's limit, room for other folders' bursts. */
  static final int MAX_REQUESTS = Limits.MAX_INCOMING_REQUESTS / 2;
  /** Bytes in flight per peer, in KiB permits: three quarters of the peer's limit. */
  static final int MAX_KIB = Limits.MAX_INCOMING_REQUEST_BYTES / 1024 * 3 / 4;

  private final Semaphore requests = new Semaphore(MAX_REQUESTS, true);
  private final Semaphore kib = new Semaphore(MAX_KIB, true);

  /** Waits until a request of {@code bytes} fits the budget. */
  void acquire(int bytes) throws InterruptedException {
    requests.acquire();
    try {
      kib.acquire(permits(bytes));
    } catch (InterruptedException e) {
      requests.release();
      throw e;
    }
  }

  void release(int bytes) {
    kib.release(permits(bytes));
    requests.release();
  }

  private static int permits(int bytes) {
    return Math.min(MAX_KIB, Math.max(1, (bytes + 1023) / 1024));
  }
}
