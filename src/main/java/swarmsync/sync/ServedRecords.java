package swarmsync.sync;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import swarmsync.record.ChunkRef;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * This device's records of the files peers are pulling, kept between their chunk requests. A
 * 1 GiB file is thousands of requests, and decoding its whole record (every chunk hash) for each
 * one made serving a file quadratic in its size. A kept record is used only while the index still
 * holds it under the same sequence number: every change of a local record takes a new one, and
 * a record re-stored with its sequence (a rescan that found the same content) is the same.
 * Bounded by the chunks it holds, not by files, so a few huge files cannot fill the heap.
 */
final class ServedRecords {
  /** Chunk references kept in all (~100 bytes each); one larger record is still kept alone. */
  static final int MAX_CHUNKS = 1 << 18;

  private final Map<String, Kept> recent = new LinkedHashMap<>(16, 0.75f, true);
  private long chunks;

  private record Kept(long sequence, FileRecord record) {}

  /**
   * The record of {@code path} held under {@code sequence} (-1: none), read with {@code read}
   * only when not kept from an earlier request.
   */
  synchronized Optional<FileRecord> get(String path, long sequence,
      Supplier<Optional<FileRecord>> read) {
    if (sequence < 0) {
      forget(path);
      return Optional.empty();
    }
    Kept kept = recent.get(path);
    if (kept != null && kept.sequence() == sequence) {
      return Optional.of(kept.record());
    }
    forget(path);
    Optional<FileRecord> fresh = read.get();
    // Read after the sequence: if it changed meanwhile, the next request's sequence will not
    // match and the record is read again; a peer verifies every chunk's hash in any case.
    fresh.ifPresent(r -> keep(path, new Kept(sequence, r)));
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

  private void keep(String path, Kept kept) {
    recent.put(path, kept);
    chunks += kept.record().chunks().size();
    Iterator<Kept> eldest = recent.values().iterator();
    while (chunks > MAX_CHUNKS && recent.size() > 1) {
      chunks -= eldest.next().record().chunks().size();
      eldest.remove();
    }
  }

  private void forget(String path) {
    Kept gone = recent.remove(path);
    if (gone != null) {
      chunks -= gone.record().chunks().size();
    }
  }
}
