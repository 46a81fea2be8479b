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
 * fed to the digest as an array slice. One instance serves one thread at a time.
 */
public final class ChunkHasher {
  /**
   * Read size, 1 MiB: large enough that system calls cost under 1% of hashing time, small enough
   * that a buffer per in-flight file (2 per core) stays a few MiB.
   */
  public static final int BUFFER_BYTES = 1024 * 1024;

  private final FastCdcChunker chunker;
  private final MessageDigest sha256;
  private final byte[] buffer;
  private List<ChunkRef> chunks;
  private long offset;
  private long chunkStart;

  public ChunkHasher() {
    this(new FastCdcChunker(), BUFFER_BYTES);
  }

  public ChunkHasher(FastCdcChunker chunker, int bufferBytes) {
    this.chunker = chunker;
    this.buffer = new byte[bufferBytes];
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The chunks of everything the channel yields until end of stream (none for no bytes). */
  public List<ChunkRef> hash(ReadableByteChannel in) throws IOException {
    return hash(in, Long.MAX_VALUE);
  }

  /**
   * The chunks of the first {@code maxBytes} the channel yields (fewer at end of stream); a file
   * that grows while it is read is thus read to a bound, not forever.
   */
  public List<ChunkRef> hash(ReadableByteChannel in, long maxBytes) throws IOException {
    begin();
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

  /** The chunks of {@code data[from, to)} taken as a whole stream. */
  public List<ChunkRef> hash(byte[] data, int from, int to) {
    begin();
    update(data, from, to);
    return finish();
  }

  private void begin() {
    chunker.reset();
    sha256.reset();
    chunks = new ArrayList<>();
    offset = 0;
    chunkStart = 0;
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
