package swarmsync.scan;

/**
 * FastCDC content-defined chunking (Xia et al., USENIX ATC 2016) with normalized chunking at
 * level 2, fed a stream in slices of any size. Chunk boundaries define chunk identity across all
 * devices and versions, so the gear table, the masks and the cut rule below must never change.
 *
 * <p>The rule: a chunk's first {@code min} bytes are skipped; from then on, for each byte b the
 * gear fingerprint becomes {@code fp = (fp << 1) + GEAR[b]} (starting from 0), and the chunk ends
 * <em>after</em> the first byte where the top {@code log2(avg) + 2} bits of fp are all zero
 * while the chunk is shorter than {@code avg}, or the top {@code log2(avg) - 2} bits once it is
 * not, or at {@code max} bytes. The top bits are used because bit k of fp depends on the last
 * k + 1 bytes, so the top bits see a 40-64 byte window. {@link #GEAR} holds the first 256
 * outputs of splitmix64 seeded with {@link #GEAR_SEED}.
 *
 * <p>Instances keep the state of the chunk in progress, so one is used by one thread at a time.
 */
public final class FastCdcChunker {
  /** Smallest chunk of the largest files ({@link ChunkSizes#LARGE}), 256 KiB. */
  public static final int MIN_SIZE = 256 * 1024;
  /** Target chunk size of the largest files, 1 MiB. */
  public static final int AVG_SIZE = 1024 * 1024;
  /**
   * Largest chunk of all, 4 MiB: bounds what one edit costs on the wire and one request's
   * buffer ({@code Limits.MAX_CHUNK_BYTES}).
   */
  public static final int MAX_SIZE = 4 * 1024 * 1024;
  /** The ASCII bytes of "swarmsyn": the seed of the gear table, fixed forever. */
  public static final long GEAR_SEED = 0x737761726d73796eL;
  /** Normalization level 2: masks with two bits more before avg and two bits fewer after it. */
  private static final int NORMALIZATION = 2;

  static final long[] GEAR = gearTable(GEAR_SEED);

  private final int minSize;
  private final int avgSize;
  private final int maxSize;
  private final long maskSmall;
  private final long maskLarge;
  private int length;
  private long fingerprint;

  /** A chunker with the sizes of the largest files ({@link ChunkSizes#LARGE}). */
  public FastCdcChunker() {
    this(MIN_SIZE, AVG_SIZE, MAX_SIZE);
  }

  /** A chunker with other sizes (tests); avg must be a power of two between min and max. */
  public FastCdcChunker(int minSize, int avgSize, int maxSize) {
    if (Integer.bitCount(avgSize) != 1 || minSize < 0 || minSize >= avgSize
        || avgSize >= maxSize || avgSize < 1 << (NORMALIZATION + 1)) {
      throw new IllegalArgumentException("chunk sizes need 0 <= min < avg < max and avg a power"
          + " of two >= 8: min " + minSize + ", avg " + avgSize + ", max " + maxSize);
    }
    this.minSize = minSize;
    this.avgSize = avgSize;
    this.maxSize = maxSize;
    int bits = Integer.numberOfTrailingZeros(avgSize);
    this.maskSmall = -1L << (64 - bits - NORMALIZATION);
    this.maskLarge = -1L << (64 - bits + NORMALIZATION);
  }

  public int minSize() {
    return minSize;
  }

  public int maxSize() {
    return maxSize;
  }

  /** Forgets the chunk in progress: the next byte starts a new chunk (a new file). */
  public void reset() {
    length = 0;
    fingerprint = 0;
  }

  /**
   * Consumes {@code data[from, to)} as the continuation of the stream and returns the index just
   * past the end of the current chunk, or -1 if the chunk goes on past {@code to}. After a cut,
   * call again from the returned index for the next chunk.
   */
  public int findCut(byte[] data, int from, int to) {
    final int base = from - length;
    int i = Math.max(from, Math.min(to, base + minSize));
    if (i - base < minSize) {
      length = i - base;
      return -1;
    }
    int stop = Math.min(to, base + avgSize);
    if (i < stop) {
      int end = roll(data, i, stop, maskSmall);
      if (end >= 0) {
        return cut(end);
      }
      i = stop;
    }
    stop = Math.min(to, base + maxSize);
    if (i < stop) {
      int end = roll(data, i, stop, maskLarge);
      if (end >= 0) {
        return cut(end);
      }
      i = stop;
    }
    if (i - base == maxSize) {
      return cut(i);
    }
    length = i - base;
    return -1;
  }

  /**
   * Rolls the fingerprint over {@code data[from, stop)} and returns the index just past the
   * first byte where {@code fp & mask} is zero, or -1. Two bytes per step: the next-but-one
   * fingerprint is {@code (fp << 2) + (2 * g1 + g2)}, so the dependency chain through fp is
   * one shift and one add per two bytes; the fingerprint in between is computed beside it.
   */
  private int roll(byte[] data, int from, int stop, long mask) {
    final long[] gear = GEAR;
    long fp = fingerprint;
    int i = from;
    for (int last = stop - 1; i < last; i += 2) {
      long g1 = gear[data[i] & 0xff];
      long g2 = gear[data[i + 1] & 0xff];
      long fp1 = (fp << 1) + g1;
      fp = (fp << 2) + ((g1 << 1) + g2);
      if ((fp1 & mask) == 0) {
        return i + 1;
      }
      if ((fp & mask) == 0) {
        return i + 2;
      }
    }
    if (i < stop) {
      fp = (fp << 1) + gear[data[i] & 0xff];
      if ((fp & mask) == 0) {
        return i + 1;
      }
    }
    fingerprint = fp;
    return -1;
  }

  private int cut(int end) {
    length = 0;
    fingerprint = 0;
    return end;
  }

  /** The first 256 outputs of splitmix64 (Steele, Lea and Flood 2014) from {@code seed}. */
  static long[] gearTable(long seed) {
    long[] table = new long[256];
    long state = seed;
    for (int i = 0; i < table.length; i++) {
      state += 0x9e3779b97f4a7c15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
