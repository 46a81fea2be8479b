package swarmsync.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;

/**
 * Splits a byte stream into FastCDC chunks and names each by its SHA-256, in one pass over a
 * reused buffer: each slice read is scanned for a cut by the chunker's loop over the array and
 * fed to the digest as an array slice. A file is cut with the sizes of its size class
 * ({@link ChunkSizes}) unless the hasher was made with one fixed chunker. One instance serves
 * one thread at a time.
 */
public final class ChunkHasher {
  /**
   * Read size, 1 MiB: large enough that system calls cost under 1% of hashing time, small enough
   * that a buffer per in-flight file (2 per core) stays a few MiB.
   */
  public static final int BUFFER_BYTES = 1024 * 1024;

  /** The chunker of every stream, or null to choose one by file size. */
  private final FastCdcChunker fixed;
  private final FastCdcChunker[] bySize = {
      ChunkSizes.SMALL.chunker(), ChunkSizes.MEDIUM.chunker(), ChunkSizes.LARGE.chunker()};
  private FastCdcChunker chunker;
  private final MessageDigest sha256;
  private final byte[] buffer;
  private List<ChunkRef> chunks;
  private long offset;
  private long chunkStart;

  /** A hasher that cuts each file with the sizes of its size class. */
  public ChunkHasher() {
    this(null, BUFFER_BYTES);
  }

  /** A hasher that cuts every stream with {@code chunker}, or by size class when null. */
  public ChunkHasher(FastCdcChunker chunker, int bufferBytes) {
    this.fixed = chunker;
    this.buffer = new byte[bufferBytes];
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The chunks of a file of {@code size} bytes, cut with the sizes of its class: of what the
   * channel yields, at most {@code size + 1} bytes are read, so a file that grows while it is
   * read is read to a bound, not forever, and a caller sees from the chunks' end that the size
   * was not what it expected (then the chunks are not the file's: read it again).
   */
  public List<ChunkRef> hashFile(ReadableByteChannel in, long size) throws IOException {
    return hash(in, size, size == Long.MAX_VALUE ? size : size + 1);
  }

  private List<ChunkRef> hash(ReadableByteChannel in, long size, long maxBytes)
      throws IOException {
    begin(size);
    ByteBuffer view = ByteBuffer.wrap(buffer);
    long left = maxBytes;
    while (true) {
      view.clear().limit((int) Math.min(buffer.length, left));
      int n = 0;
      while (view.hasRemaining() && (n = in.read(view)) >= 0) {
        // Fill the buffer: fewer, larger slices make the chunk loop and the digest faster.
      }
      update(buffer, 0, view.position());
      left -= view.position();
      if (n < 0 || left == 0) {
        return finish();
      }
    }
  }

  /** The chunks of {@code data[from, to)} taken as a whole file. */
  public List<ChunkRef> hash(byte[] data, int from, int to) {
    begin(to - from);
    update(data, from, to);
    return finish();
  }

  private void begin(long size) {
    chunker = fixed != null ? fixed : bySize[sizeClass(size)];
    chunker.reset();
    sha256.reset();
    chunks = new ArrayList<>();
    offset = 0;
    chunkStart = 0;
  }

  private static int sizeClass(long size) {
    ChunkSizes sizes = ChunkSizes.forFileSize(size);
    return sizes == ChunkSizes.SMALL ? 0 : sizes == ChunkSizes.MEDIUM ? 1 : 2;
  }

  private void update(byte[] data, int from, int to) {
    int i = from;
    while (i < to) {
      int end = chunker.findCut(data, i, to);
      if (end < 0) {
        sha256.update(data, i, to - i);
        offset += to - i;
        return;
      }
      sha256.update(data, i, end - i);
      offset += end - i;
      emit();
      i = end;
    }
  }

  private List<ChunkRef> finish() {
    if (offset > chunkStart) {
      emit();
    }
    List<ChunkRef> result = chunks;
    chunks = null;
    return result;
  }

  private void emit() {
    chunks.add(new ChunkRef(chunkStart, (int) (offset - chunkStart),
        ChunkHash.of(sha256.digest())));
    chunkStart = offset;
  }
}
