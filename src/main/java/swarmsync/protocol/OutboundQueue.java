package swarmsync.protocol;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The encoded frames waiting for a session's writer thread. Counted frames are bounded in
 * bytes, so a slow peer blocks its senders instead of growing the heap; uncounted frames
 * (Responses, Pings, Close) skip the bound because other limits bound them and a reader thread
 * must never block on its own writer.
 */
final class OutboundQueue {
  /** One frame; {@code onTaken}, if set, runs once the writer has taken it. */
  record Entry(byte[] frame, boolean counted, Runnable onTaken) {}

  private final long capacityBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition space = lock.newCondition();
  private final Condition ready = lock.newCondition();
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long countedBytes;
  private boolean closed;

  OutboundQueue(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /**
   * Queues a counted frame, waiting up to the timeout for room; false on timeout or when the
   * queue is closed. A frame larger than the capacity waits for an empty queue.
   */
  boolean offer(byte[] frame, long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (!closed && countedBytes > 0 && countedBytes + frame.length > capacityBytes) {
        if (nanos <= 0) {
          return false;
        }
        nanos = space.awaitNanos(nanos);
      }
      if (closed) {
        return false;
      }
      countedBytes += frame.length;
      entries.add(new Entry(frame, true, null));
      ready.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Queues a frame outside the byte bound; false when the queue is closed. */
  boolean putUncounted(byte[] frame, Runnable onTaken) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      entries.add(new Entry(frame, false, onTaken));
      ready.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The next frame, waiting for one; null once the queue is closed and drained. */
  Entry take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (entries.isEmpty()) {
        if (closed) {
          return null;
        }
        ready.await();
      }
      Entry entry = entries.poll();
      if (entry.counted()) {
        countedBytes -= entry.frame().length;
        space.signalAll();
      }
      return entry;
    } finally {
      lock.unlock();
    }
  }

  boolean isEmpty() {
    lock.lock();
    try {
      return entries.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every waiting frame, queues {@code last} (if not null) and accepts nothing more. */
  void closeWith(byte[] last) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      entries.clear();
      countedBytes = 0;
      if (last != null) {
        entries.add(new Entry(last, false, null));
      }
      closed = true;
      ready.signalAll();
      space.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
