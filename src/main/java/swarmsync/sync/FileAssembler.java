package swarmsync.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.fs.FolderFs;
import swarmsync.index.ChunkLocation;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;
import swarmsync.util.DaemonThreads;

/**
 * Builds one file's new content in its hidden temp file: chunks the temp file already holds
 * (a resumed pull) are kept, chunks found anywhere in the folder are copied, the rest are
 * fetched from every peer that has the version at once, a bounded window per peer, each
 * verified against its hash before it is written.
 */
final class FileAssembler {
  /** Requests in flight per peer for one file: enough to fill a fast link, bounded memory. */
  static final int WINDOW_PER_PEER = 8;
  /** How long one chunk request may take before the peer counts as failed for it. */
  static final long REQUEST_TIMEOUT_S = 60;
  /** Failed requests after which a peer is dropped for the rest of this file. */
  static final int MAX_FAILURES_PER_PEER = 3;
  /** How often the set of peers that have the file is re-read, so late joiners help too. */
  static final long DEVICE_REFRESH_NANOS = 200_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(FileAssembler.class);

  private final String folderId;
  private final FolderFs fs;
  private final SqliteIndexStore index;
  private final ChunkSource source;
  private final ExecutorService flusher;

  FileAssembler(String folderId, FolderFs fs, SqliteIndexStore index, ChunkSource source) {
    this.folderId = folderId;
    this.fs = fs;
    this.index = index;
    this.source = source;
    this.flusher = Executors.newCachedThreadPool(
        new DaemonThreads("writeback-" + folderId.substring(0, 8)));
  }

  /** Stops the background flush threads. */
  void close() {
    flusher.shutdownNow();
  }

  /** Assembles {@code target} into its temp file, fsynced, with mtime and permissions set. */
  String assemble(FileRecord target, Supplier<List<Integer>> devices)
      throws IOException, PullException {
    String temp = TempNames.tempFor(target.path());
    try (FileChannel out = fs.openWrite(temp, false)) {
      long existing = out.size();
      Deque<ChunkRef> missing = new ArrayDeque<>();
      for (ChunkRef chunk : target.chunks()) {
        if (chunk.end() <= existing && verifiedAt(out, chunk)) {
          continue;
        }
        byte[] local = copyLocally(chunk);
        if (local != null) {
          writeAt(out, chunk, local);
        } else {
          missing.add(chunk);
        }
      }
      if (!missing.isEmpty()) {
        Writeback writeback = new Writeback(out, flusher);
        try {
          fetch(target, missing, devices, out, writeback);
        } finally {
          writeback.finish();
        }
      }
      out.truncate(target.size());
      if (target.size() > 0) {
        // An empty file has no data to flush: its inode is made durable with its directory
        // entry by the directory fsync before it is recorded (PlacedFiles).
        out.force(true);
      }
    }
    fs.setPermissions(temp, target.permissions());
    fs.setMtime(temp, target.mtimeNanos());
    return temp;
  }

  private boolean verifiedAt(FileChannel in, ChunkRef chunk) throws IOException {
    byte[] data = new byte[chunk.length()];
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      if (in.read(buffer, chunk.offset() + buffer.position()) < 0) {
        return false;
      }
    }
    return ChunkVerifier.matches(data, chunk.hash());
  }

  private byte[] copyLocally(ChunkRef chunk) {
    for (ChunkLocation at : index.findChunk(chunk.hash())) {
      if (!at.folderId().equals(folderId) || at.length() != chunk.length()) {
        continue;
      }
      try (FileChannel in = fs.openRead(at.path())) {
        byte[] data = new byte[chunk.length()];
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          if (in.read(buffer, at.offset() + buffer.position()) < 0) {
            break;
          }
        }
        if (!buffer.hasRemaining() && ChunkVerifier.matches(data, chunk.hash())) {
          return data;
        }
      } catch (IOException e) {
        LOG.debug("local copy of chunk {} from {} failed: {}", chunk.hash(), at.path(),
            e.getMessage());
      }
    }
    return null;
  }

  private void fetch(FileRecord target, Deque<ChunkRef> queue, Supplier<List<Integer>> devices,
      FileChannel out, Writeback writeback) throws IOException, PullException {
    List<Integer> usable = new ArrayList<>(devices.get());
    long refreshed = System.nanoTime();
    long lastProgress = refreshed;
    Map<Integer, Integer> inFlight = new HashMap<>();
    Map<Integer, Integer> failures = new HashMap<>();
    LinkedBlockingQueue<Completion> done = new LinkedBlockingQueue<>();
    int outstanding = 0;
    while (!queue.isEmpty() || outstanding > 0) {
      if (System.nanoTime() - refreshed > DEVICE_REFRESH_NANOS) {
        usable = new ArrayList<>(devices.get());
        usable.removeIf(d -> failures.getOrDefault(d, 0) >= MAX_FAILURES_PER_PEER);
        refreshed = System.nanoTime();
      }
      while (!queue.isEmpty()) {
        Integer device = leastLoaded(usable, inFlight);
        if (device == null) {
          break;
        }
        ChunkRef chunk = queue.poll();
        inFlight.merge(device, 1, Integer::sum);
        outstanding++;
        source.request(device, folderId, target.path(), chunk.offset(), chunk.length(),
            chunk.hash()).whenComplete((data, error) ->
                done.add(new Completion(device, chunk, data, error)));
      }
      if (outstanding == 0) {
        throw new PullException("no connected peer can serve " + target.path());
      }
      Completion c;
      try {
        c = done.poll(DEVICE_REFRESH_NANOS, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PullException("interrupted while pulling " + target.path());
      }
      if (c == null) {
        if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(REQUEST_TIMEOUT_S)) {
          throw new PullException("no answer for " + REQUEST_TIMEOUT_S + " s while pulling "
              + target.path());
        }
        continue;
      }
      lastProgress = System.nanoTime();
      outstanding--;
      inFlight.merge(c.device, -1, Integer::sum);
      if (c.error == null && c.data.length == c.chunk.length()
          && ChunkVerifier.matches(c.data, c.chunk.hash())) {
        writeAt(out, c.chunk, c.data);
        writeback.written(c.data.length);
        continue;
      }
      String why = c.error != null ? String.valueOf(c.error.getMessage()) : "hash mismatch";
      LOG.info("chunk at {} of {} from device {} refused: {}", c.chunk.offset(), target.path(),
          c.device, why);
      queue.add(c.chunk);
      if (failures.merge(c.device, 1, Integer::sum) >= MAX_FAILURES_PER_PEER) {
        usable.remove(Integer.valueOf(c.device));
      }
    }
  }

  private static Integer leastLoaded(List<Integer> devices, Map<Integer, Integer> inFlight) {
    Integer best = null;
    int bestLoad = WINDOW_PER_PEER;
    for (Integer d : devices) {
      int load = inFlight.getOrDefault(d, 0);
      if (load < bestLoad) {
        best = d;
        bestLoad = load;
      }
    }
    return best;
  }

  private static void writeAt(FileChannel out, ChunkRef chunk, byte[] data) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      out.write(buffer, chunk.offset() + buffer.position());
    }
  }

  private record Completion(int device, ChunkRef chunk, byte[] data, Throwable error) {}
}
