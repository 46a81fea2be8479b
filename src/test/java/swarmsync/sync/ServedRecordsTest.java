package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

class ServedRecordsTest {
  private static ChunkHash hash(int n) {
    byte[] b = new byte[ChunkHash.LENGTH];
    b[0] = (byte) n;
    b[1] = (byte) (n >> 8);
    b[2] = (byte) (n >> 16);
    return ChunkHash.of(b);
  }

  /** A file of {@code n} chunks of 100 + i bytes each, back to back. */
  private static FileRecord file(String path, int n, long sequence) {
    List<ChunkRef> chunks = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < n; i++) {
      chunks.add(new ChunkRef(offset, 100 + i, hash(i)));
      offset += 100 + i;
    }
    return new FileRecord(path, FileType.FILE, offset, 1, 0644, false, VersionVector.EMPTY,
        sequence, 1, chunks, "", null);
  }

  private static Supplier<Optional<FileRecord>> counting(FileRecord r, AtomicInteger reads) {
    return () -> {
      reads.incrementAndGet();
      return Optional.of(r);
    };
  }

  @Test
  void listsExactlyTheChunksOfTheRecord() {
    FileRecord r = file("a.bin", 1000, 7);
    long offset = 0;
    for (int i = 0; i < 1000; i++) {
      assertThat(ServedRecords.lists(r, offset, 100 + i, hash(i))).isTrue();
      assertThat(ServedRecords.lists(r, offset, 101 + i, hash(i))).isFalse();
      assertThat(ServedRecords.lists(r, offset, 100 + i, hash(i + 1))).isFalse();
      assertThat(ServedRecords.lists(r, offset + 1, 100 + i, hash(i))).isFalse();
      offset += 100 + i;
    }
    assertThat(ServedRecords.lists(r, offset, 0, hash(1000))).isFalse();
    assertThat(ServedRecords.lists(file("empty", 0, 1), 0, 0, hash(0))).isFalse();
  }

  @Test
  void readsALargeRecordOncePerSequenceAndAgainWhenTheSequenceMoves() {
    ServedRecords served = new ServedRecords();
    AtomicInteger reads = new AtomicInteger();
    AtomicLong held = new AtomicLong(7);
    FileRecord v1 = file("a.bin", 100, 7);
    FileRecord v2 = file("a.bin", 120, 9);

    for (int i = 0; i < 100; i++) {
      assertThat(served.get("a.bin", held::get, counting(v1, reads))).contains(v1);
    }
    assertThat(reads).hasValue(1);
    held.set(9);
    assertThat(served.get("a.bin", held::get, counting(v2, reads))).contains(v2);
    assertThat(served.get("a.bin", held::get, counting(v2, reads))).contains(v2);
    assertThat(reads).hasValue(2);
    // The path's record is gone from the index: nothing is served from what was kept.
    held.set(-1);
    assertThat(served.get("a.bin", held::get, counting(v2, reads))).isEmpty();
    assertThat(served.size()).isZero();
    held.set(9);
    assertThat(served.get("a.bin", held::get, counting(v2, reads))).contains(v2);
    assertThat(reads).hasValue(3);
  }

  @Test
  void readsASmallRecordEveryTimeWithoutAskingItsSequence() {
    ServedRecords served = new ServedRecords();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger sequenceQueries = new AtomicInteger();
    FileRecord small = file("s.bin", ServedRecords.MIN_CHUNKS - 1, 3);
    for (int i = 0; i < 5; i++) {
      assertThat(served.get("s.bin", () -> {
        sequenceQueries.incrementAndGet();
        return 3;
      }, counting(small, reads))).contains(small);
    }
    assertThat(reads).hasValue(5);
    assertThat(sequenceQueries).hasValue(0);
    assertThat(served.size()).isZero();
  }

  @Test
  void keepsNoMoreChunksThanItsBoundButAlwaysTheRecordJustRead() {
    ServedRecords served = new ServedRecords();
    AtomicInteger reads = new AtomicInteger();
    int quarter = ServedRecords.MAX_CHUNKS / 4;
    for (int i = 0; i < 4; i++) {
      served.get("f" + i, () -> 1, counting(file("f" + i, quarter, 1), reads));
    }
    assertThat(served.size()).isEqualTo(4);
    served.get("f4", () -> 1, counting(file("f4", quarter, 1), reads));
    assertThat(served.size()).isEqualTo(4);
    // f0 was the least recently used and went; f1 is still kept.
    served.get("f1", () -> 1, counting(file("f1", quarter, 1), reads));
    assertThat(reads).hasValue(5);
    served.get("f0", () -> 1, counting(file("f0", quarter, 1), reads));
    assertThat(reads).hasValue(6);

    FileRecord huge = file("huge", ServedRecords.MAX_CHUNKS + 1, 1);
    served.get("huge", () -> 1, counting(huge, reads));
    assertThat(served.size()).isEqualTo(1);
    served.get("huge", () -> 1, counting(huge, reads));
    assertThat(reads).hasValue(7);
  }
}
