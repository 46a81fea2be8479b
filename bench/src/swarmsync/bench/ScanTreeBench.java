package swarmsync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import swarmsync.fs.NioFolderFs;
import swarmsync.scan.KnownFile;
import swarmsync.scan.KnownFiles;
import swarmsync.scan.ScanSink;
import swarmsync.scan.ScanStats;
import swarmsync.scan.ScannedFile;
import swarmsync.scan.Scanner;

/**
 * Wall-clock time of a first full scan (every file read, chunked and hashed on all cores) of a
 * tree of 10,000 files and about 1 GiB, to set beside {@code sha256sum} over the same files.
 * Usage: {@code ScanTreeBench <dir>}; creates the tree first if the directory does not exist.
 */
public final class ScanTreeBench {
  /** 10,000 files of 1 KiB to ~1 MiB, mostly small, a few large: roughly 1 GiB in all. */
  static final int FILES = 10_000;
  static final int RUNS = 3;

  private ScanTreeBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (!Files.exists(dir)) {
      System.out.println("created " + create(dir) / (1 << 20) + " MiB in " + FILES + " files");
    }
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    KnownFiles nothing = new KnownFiles() {
      @Override
      public Optional<KnownFile> get(String path) {
        return Optional.empty();
      }

      @Override
      public void forEachLivePath(Consumer<String> action) {
        // A first scan: the index is empty.
      }
    };
    ScanSink discard = new ScanSink() {
      @Override
      public void changed(ScannedFile file) {
        // Measuring the scanner only.
      }

      @Override
      public void deleted(String path) {
        // Measuring the scanner only.
      }
    };
    try {
      Scanner scanner = new Scanner(new NioFolderFs(dir), p -> false, pool);
      for (int run = 1; run <= RUNS; run++) {
        ScanStats stats = scanner.scanAll(nothing, discard);
        double seconds = stats.duration().toNanos() / 1e9;
        System.out.printf("run %d: %d files, %d MiB in %.2f s = %.0f MiB/s on %d threads%n",
            run, stats.filesHashed(), stats.bytesHashed() >> 20, seconds,
            stats.bytesHashed() / 1048576.0 / seconds, threads);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long create(Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(2024);
    byte[] block = new byte[2 << 20];
    long total = 0;
    for (int i = 0; i < FILES; i++) {
      Path sub = Files.createDirectories(dir.resolve("d" + (i % 100)));
      int size = i % 50 == 0 ? 1024 * (1024 + random.nextInt(1024)) : 1024 * (1 + random.nextInt(
          200));
      for (int k = 0; k < size; k += 8) {
        long v = random.nextLong();
        for (int j = 0; j < 8 && k + j < size; j++) {
          block[k + j] = (byte) (v >>> (8 * j));
        }
      }
      try (OutputStream out = Files.newOutputStream(sub.resolve("f" + i))) {
        out.write(block, 0, size);
      }
      total += size;
    }
    return total;
  }
}
