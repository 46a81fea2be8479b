package swarmsync.it;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import swarmsync.fs.NioFolderFs;
import swarmsync.scan.KnownFile;
import swarmsync.scan.KnownFiles;
import swarmsync.scan.ScanSink;
import swarmsync.scan.ScanStats;
import swarmsync.scan.ScannedFile;
import swarmsync.scan.Scanner;

/**
 * Scans a folder in a small heap, with an index that streams {@code gone} extra live paths that
 * are not on disk; prints the stats and exits 0 only if every file was hashed and every extra
 * path reported deleted. Usage: {@code ScanManyFilesMain <dir> <files> <gone>}.
 */
public final class ScanManyFilesMain {
  private ScanManyFilesMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long files = Long.parseLong(args[1]);
    int gone = Integer.parseInt(args[2]);
    KnownFiles known = new KnownFiles() {
      @Override
      public Optional<KnownFile> get(String path) {
        return Optional.empty();
      }

      @Override
      public void forEachLivePath(Consumer<String> action) {
        for (int i = 0; i < gone; i++) {
          action.accept("gone/" + i);
        }
      }
    };
    LongAdder changed = new LongAdder();
    LongAdder deleted = new LongAdder();
    ScanSink sink = new ScanSink() {
      @Override
      public void changed(ScannedFile file) {
        changed.increment();
      }

      @Override
      public void deleted(String path) {
        deleted.increment();
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors());
    try {
      ScanStats stats = new Scanner(new NioFolderFs(dir), p -> false, pool).scanAll(known, sink);
      Runtime rt = Runtime.getRuntime();
      System.out.println(stats + " maxHeapMiB=" + rt.maxMemory() / (1 << 20)
          + " usedHeapMiB=" + (rt.totalMemory() - rt.freeMemory()) / (1 << 20));
      System.exit(stats.filesHashed() == files && deleted.sum() == gone ? 0 : 1);
    } finally {
      pool.shutdownNow();
    }
  }
}
