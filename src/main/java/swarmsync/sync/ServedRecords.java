package swarmsync.sync;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import swarmsync.record.ChunkRef;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * This device's records of the files peers are pulling, kept between their chunk requests. A
 * 1 GiB file is thousands of requests, and decoding its whole record (every chunk hash) for each
 * one made serving a file quadratic in its size. A kept record is used only while the index still
 * holds it under the same sequence number (checked with a one-column query): every change of a
 * local record takes a new one, and a record re-stored with its sequence (a rescan that found
 * the same content) is the same.
 * Bounded by the chunks it holds, not by files, so a few huge files cannot fill the heap.
 */
final class ServedRecords {
  /** Chunk references kept in all (~100 bytes each); one larger record is still kept alone. */
  static final int MAX_CHUNKS = 1 << 18;
  /** Records with fewer chunks (files up to a few MiB) are read for each request. */
  static final int MIN_CHUNKS = 16;

  private final Map<String, FileRecord> recent = new LinkedHashMap<>(16, 0.75f, true);
  private long chunks;

  /**
   * This device's record of {@code path}: a kept one while {@code sequenceOf} still gives its
   * sequence (-1: no record), else one read with {@code read}. One index query either way:
   * records of fewer than {@link #MIN_CHUNKS} chunks are cheap to read and never kept.
   */
  synchronized Optional<FileRecord> get(String path, LongSupplier sequenceOf,
      Supplier<Optional<FileRecord>> read) {
    FileRecord kept = recent.get(path);
    if (kept != null) {
      long sequence = sequenceOf.getAsLong();
      if (sequence == kept.sequence()) {
        return Optional.of(kept);
      }
      forget(path);
      if (sequence < 0) {
        return Optional.empty();
      }
    }
    Optional<FileRecord> fresh = read.get();
    // If the record changes after this read, its sequence will not match at the next request
    // and it is read again; a peer verifies every chunk's hash in any case.
    fresh.filter(r -> r.chunks().size() >= MIN_CHUNKS).ifPresent(r -> keep(path, r));
    return fresh;
  }

  /** Whether {@code record} lists a chunk at exactly this offset, length and hash. */
  static boolean lists(FileRecord record, long offset, int length, ChunkHash hash) {
    List<ChunkRef> all = record.chunks(); // in order of offset
    int low = 0;
    int high = all.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      ChunkRef c = all.get(mid);
      if (c.offset() < offset) {
        low = mid + 1;
      } else if (c.offset() > offset) {
        high = mid - 1;
      } else {
        return c.length() == length && c.hash().equals(hash);
      }
    }
    return false;
  }

  synchronized int size() {
    return recent.size();
  }

  private void keep(String path, FileRecord record) {
    recent.put(path, record);
    chunks += record.chunks().size();
    Iterator<FileRecord> eldest = recent.values().iterator();
    while (chunks > MAX_CHUNKS && recent.size() > 1) {
      chunks -= eldest.next().chunks().size();
      eldest.remove();
    }
  }

  private void forget(String path) {
    FileRecord gone = recent.remove(path);
    if (gone != null) {
      chunks -= gone.chunks().size();
    }
  }
}
