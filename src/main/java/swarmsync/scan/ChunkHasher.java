package swarmsync.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.util.DaemonThreads;

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
  /**
   * Files of at least this size are cut on the reading thread while their chunks' SHA-256 runs
   * on helper threads: one large file is otherwise hashed at the speed of one core, cuts and
   * digest in turn. Smaller files gain nothing a scan of many files does not already get.
   */
  public static final long PIPELINE_MIN_BYTES = 32L * 1024 * 1024;
  /**
   * The helper threads, shared by every hasher: at most one per core, created on demand and
   * gone after a few idle seconds. When all are busy the reading thread digests the chunk
   * itself, which bounds the chunks in flight (and their buffers) per file to cores + 1.
   */
  private static final ThreadPoolExecutor DIGESTS = new ThreadPoolExecutor(0,
      Runtime.getRuntime().availableProcessors(), 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
      new DaemonThreads("chunk-digest"), new ThreadPoolExecutor.CallerRunsPolicy());
  private static final ThreadLocal<MessageDigest> HELPER_SHA256 =
      ThreadLocal.withInitial(ChunkHasher::newSha256);
  /** The hash of a pipelined chunk's ref until its digest is done. */
  private static final ChunkHash PENDING = ChunkHash.of(new byte[32]);

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
  /** Whether this stream's chunks are digested on helper threads (see {@link #DIGESTS}). */
  private boolean pipelined;
  /** Pipelined: the bytes of the chunk in progress, and the digests of the chunks cut. */
  private byte[] part;
  private int partLength;
  private List<CompletableFuture<ChunkHash>> digests;
  /** Pipelined: chunk buffers whose digest is done, for the next chunks. */
  private final ConcurrentLinkedQueue<byte[]> freeParts = new ConcurrentLinkedQueue<>();

  /** A hasher that cuts each file with the sizes of its size class. */
  public ChunkHasher() {
    this(null, BUFFER_BYTES);
  }

  /** A hasher that cuts every stream with {@code chunker}, or by size class when null. */
  public ChunkHasher(FastCdcChunker chunker, int bufferBytes) {
    this.fixed = chunker;
    this.buffer = new byte[bufferBytes];
    this.sha256 = newSha256();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
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
    pipelined = size >= PIPELINE_MIN_BYTES && size != Long.MAX_VALUE;
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
    digests = new ArrayList<>();
    pipelined = false;
    part = null;
    partLength = 0;
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
      int stop = end < 0 ? to : end;
      feed(data, i, stop);
      offset += stop - i;
      if (end < 0) {
        return;
      }
      emit();
      i = end;
    }
  }

  /** Adds bytes of the chunk in progress to its digest, or to its buffer when pipelined. */
  private void feed(byte[] data, int from, int to) {
    if (!pipelined) {
      sha256.update(data, from, to - from);
      return;
    }
    if (part == null) {
      part = freeParts.poll();
      if (part == null || part.length < chunker.maxSize()) {
        part = new byte[chunker.maxSize()];
      }
    }
    System.arraycopy(data, from, part, partLength, to - from);
    partLength += to - from;
  }

  private List<ChunkRef> finish() {
    if (offset > chunkStart) {
      emit();
    }
    List<ChunkRef> result = chunks;
    if (pipelined) {
      result = new ArrayList<>(chunks.size());
      for (int k = 0; k < chunks.size(); k++) {
        ChunkRef c = chunks.get(k);
        result.add(new ChunkRef(c.offset(), c.length(), digests.get(k).join()));
      }
    }
    chunks = null;
    digests = null;
    freeParts.clear();
    return result;
  }

  private void emit() {
    int length = (int) (offset - chunkStart);
    if (pipelined) {
      // The ref's hash is a placeholder until finish() puts the digest in.
      chunks.add(new ChunkRef(chunkStart, length, PENDING));
      byte[] bytes = part;
      part = null;
      partLength = 0;
      CompletableFuture<ChunkHash> digest = new CompletableFuture<>();
      digests.add(digest);
      DIGESTS.execute(() -> {
        try {
          MessageDigest helper = HELPER_SHA256.get();
          helper.update(bytes, 0, length);
          digest.complete(ChunkHash.of(helper.digest()));
        } catch (RuntimeException e) {
          digest.completeExceptionally(e);
        } finally {
          freeParts.offer(bytes);
        }
      });
    } else {
      chunks.add(new ChunkRef(chunkStart, length, ChunkHash.of(sha256.digest())));
    }
    chunkStart = offset;
  }
}
