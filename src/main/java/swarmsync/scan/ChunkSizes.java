package swarmsync.scan;

/**
 * The FastCDC sizes a file is cut with, chosen by the file's size: {@code min = avg / 4},
 * {@code max = 4 × avg}, and {@code avg} the smallest power of two of at least
 * {@code size / 32,768}, but no less than 256 KiB and no more than 1 MiB. So files up to 8 GiB
 * are cut at 64 KiB / 256 KiB / 1 MiB (an edit costs ~1.6 MiB on the wire, not ~4), files up
 * to 16 GiB at twice that, and larger files at 256 KiB / 1 MiB / 4 MiB. A file up to 16 GiB
 * has at most 131,073 chunks (its size over {@code min}, plus one), half of
 * {@code Limits.MAX_CHUNKS_PER_FILE}; a larger one has its chunk count bounded as before.
 *
 * <p>Part of the protocol: every device must cut the same bytes the same way, so these
 * thresholds, like the cut rule of {@link FastCdcChunker}, never change. The price of a size
 * class: a file that grows or shrinks across 8 or 16 GiB is cut anew and shares no chunk with
 * its previous version.
 */
public record ChunkSizes(int min, int avg, int max) {
  /** The class of files up to {@link #SMALL_CLASS_LIMIT} bytes. */
  public static final ChunkSizes SMALL = of(256 * 1024);
  /** The class of files up to twice that. */
  public static final ChunkSizes MEDIUM = of(512 * 1024);
  /** The class of every larger file, the sizes of {@link FastCdcChunker#FastCdcChunker()}. */
  public static final ChunkSizes LARGE = of(1024 * 1024);
  /** The largest file cut with {@link #SMALL}: 8 GiB. */
  public static final long SMALL_CLASS_LIMIT = 8L << 30;
  /** The largest file cut with {@link #MEDIUM}: 16 GiB. */
  public static final long MEDIUM_CLASS_LIMIT = 16L << 30;

  private static ChunkSizes of(int avg) {
    return new ChunkSizes(avg / 4, avg, avg * 4);
  }

  /** The sizes a file of {@code size} bytes is cut with. */
  public static ChunkSizes forFileSize(long size) {
    if (size <= SMALL_CLASS_LIMIT) {
      return SMALL;
    }
    return size <= MEDIUM_CLASS_LIMIT ? MEDIUM : LARGE;
  }

  /** A fresh chunker with these sizes. */
  public FastCdcChunker chunker() {
    return new FastCdcChunker(min, avg, max);
  }
}
