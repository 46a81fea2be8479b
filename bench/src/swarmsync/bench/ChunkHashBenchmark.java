package swarmsync.bench;

import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import swarmsync.record.ChunkRef;
import swarmsync.scan.ChunkHasher;
import swarmsync.scan.ChunkSizes;
import swarmsync.scan.FastCdcChunker;

/**
 * Single-thread cost of naming content: plain SHA-256, FastCDC boundaries alone, and both as the
 * scanner runs them, over the same 64 MiB of random bytes. One operation = one pass over the
 * buffer, so MiB/s = 64 / (seconds per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChunkHashBenchmark {
  /** 64 MiB: hundreds of chunks at its size class's 256 KiB average, beyond the CPU caches. */
  static final int BUFFER_BYTES = 64 * 1024 * 1024;

  private byte[] data;
  private MessageDigest sha256;
  private FastCdcChunker chunker;
  private ChunkHasher hasher;

  @Setup
  public void setUp() throws Exception {
    data = new byte[BUFFER_BYTES];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < data.length; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8; j++) {
        data[i + j] = (byte) (v >>> (8 * j));
      }
    }
    sha256 = MessageDigest.getInstance("SHA-256");
    chunker = ChunkSizes.forFileSize(BUFFER_BYTES).chunker();
    hasher = new ChunkHasher();
  }

  @Benchmark
  public byte[] sha256Only() {
    sha256.update(data, 0, data.length);
    return sha256.digest();
  }

  @Benchmark
  public int boundariesOnly() {
    chunker.reset();
    int count = 0;
    for (int i = 0; i < data.length; ) {
      int end = chunker.findCut(data, i, data.length);
      if (end < 0) {
        break;
      }
      count++;
      i = end;
    }
    return count;
  }

  @Benchmark
  public List<ChunkRef> boundariesAndSha256() {
    return hasher.hash(data, 0, data.length);
  }
}
