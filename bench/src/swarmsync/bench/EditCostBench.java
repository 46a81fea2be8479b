package swarmsync.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.scan.ChunkHasher;
import swarmsync.scan.ChunkSizes;
import swarmsync.scan.FastCdcChunker;

/**
 * What a 1 MiB edit costs in new chunks, the bytes a receiver must fetch: a seeded random
 * 64 MiB file, then TRIALS random offsets where 1 MiB is overwritten, and the same offsets
 * where 1 MiB is inserted; for each, the bytes of the new version's chunks that the old
 * version lacks. Prints the mean and worst case for the small class ({@link ChunkSizes}, the
 * sizes files up to 8 GiB are cut with) and for the large class (the 1 MiB average).
 *
 * <pre>java -cp "$CP" swarmsync.bench.EditCostBench   # CP as for ScanTreeBench</pre>
 */
public final class EditCostBench {
  private static final int MIB = 1024 * 1024;
  private static final int SIZE = 64 * MIB;
  private static final int TRIALS = 20;

  private EditCostBench() {}

  public static void main(String[] args) {
    for (ChunkSizes sizes : List.of(ChunkSizes.SMALL, ChunkSizes.LARGE)) {
      measure(sizes);
    }
  }

  private static void measure(ChunkSizes sizes) {
    Random random = new Random(7);
    byte[] base = new byte[SIZE];
    random.nextBytes(base);
    ChunkHasher hasher = new ChunkHasher(
        new FastCdcChunker(sizes.min(), sizes.avg(), sizes.max()), ChunkHasher.BUFFER_BYTES);
    List<ChunkRef> before = hasher.hash(base, 0, base.length);
    Set<ChunkHash> old = new HashSet<>();
    before.forEach(c -> old.add(c.hash()));
    long[] overwrite = new long[TRIALS];
    long[] insert = new long[TRIALS];
    for (int t = 0; t < TRIALS; t++) {
      int at = 8 * MIB + random.nextInt(SIZE - 24 * MIB);
      byte[] patch = new byte[MIB];
      random.nextBytes(patch);
      byte[] edited = base.clone();
      System.arraycopy(patch, 0, edited, at, MIB);
      byte[] inserted = new byte[SIZE + MIB];
      System.arraycopy(base, 0, inserted, 0, at);
      System.arraycopy(patch, 0, inserted, at, MIB);
      System.arraycopy(base, at, inserted, at + MIB, SIZE - at);
      overwrite[t] = fresh(hasher.hash(edited, 0, edited.length), old);
      insert[t] = fresh(hasher.hash(inserted, 0, inserted.length), old);
    }
    System.out.printf("min %d / avg %d / max %d KiB: %d chunks in %d MiB; new chunks per 1 MiB"
        + " overwrite: mean %.2f MiB, worst %.2f MiB; per 1 MiB insert: mean %.2f MiB, worst"
        + " %.2f MiB%n", sizes.min() / 1024, sizes.avg() / 1024, sizes.max() / 1024,
        before.size(), SIZE / MIB, mean(overwrite), worst(overwrite), mean(insert),
        worst(insert));
  }

  private static long fresh(List<ChunkRef> chunks, Set<ChunkHash> old) {
    return chunks.stream().filter(c -> !old.contains(c.hash())).mapToLong(ChunkRef::length)
        .sum();
  }

  private static double mean(long[] bytes) {
    long sum = 0;
    for (long b : bytes) {
      sum += b;
    }
    return sum / (double) bytes.length / MIB;
  }

  private static double worst(long[] bytes) {
    long max = 0;
    for (long b : bytes) {
      max = Math.max(max, b);
    }
    return max / (double) MIB;
  }
}
