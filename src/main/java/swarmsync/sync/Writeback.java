package swarmsync.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Starts writing a large temp file's dirty pages to disk in the background while the transfer
 * goes on, so the fsync that ends the file finds little left to do instead of stalling for the
 * whole file at once.
 */
final class Writeback {
  /** Bytes written between background flushes: large enough to batch, small to overlap. */
  static final long INTERVAL_BYTES = 64L * 1024 * 1024;

  private final FileChannel channel;
  private final Executor executor;
  private long sinceFlush;
  private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);

  Writeback(FileChannel channel, Executor executor) {
    this.channel = channel;
    this.executor = executor;
  }

  /** Counts written bytes; starts a background flush when enough piled up and none runs. */
  void written(int bytes) {
    sinceFlush += bytes;
    if (sinceFlush >= INTERVAL_BYTES && running.isDone()) {
      sinceFlush = 0;
      running = CompletableFuture.runAsync(() -> {
        try {
          channel.force(false);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, executor);
    }
  }

  /** Waits for a background flush in progress; its failure is the caller's failure. */
  void finish() throws IOException {
    try {
      running.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }
}
