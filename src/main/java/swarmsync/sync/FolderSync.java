package swarmsync.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.fs.FolderFs;
import swarmsync.fs.FolderWatcher;
import swarmsync.index.FileCounts;
import swarmsync.index.SqliteIndexStore;
import swarmsync.scan.ScanStats;
import swarmsync.scan.Scanner;

/**
 * One shared folder on this device: keeps the index's local records true to the disk through
 * a full scan at start, watcher-triggered scans of changed paths, and a periodic full rescan.
 * Scans of one folder never overlap: they run on the folder's own single thread.
 */
public final class FolderSync implements AutoCloseable {
  /** How long filesystem events settle before their paths are scanned. */
  public static final Duration SETTLE_DELAY = Duration.ofMillis(200);

  private static final Logger LOG = LoggerFactory.getLogger(FolderSync.class);

  private final String folderId;
  private final Path root;
  private final SqliteIndexStore index;
  private final Scanner scanner;
  private final IndexKnownFiles known;
  private final LocalChangeRecorder recorder;
  private final Duration fullRescanInterval;
  private final ScheduledExecutorService worker;
  private volatile FolderState state = FolderState.IDLE;
  private volatile String error = "";
  private volatile boolean initialScanDone;
  private FolderWatcher watcher;

  public FolderSync(String folderId, Path root, FolderFs fs, SqliteIndexStore index,
      long localDevice, RecordSigner signer, Predicate<String> ignored, ExecutorService hashPool,
      Duration fullRescanInterval) {
    this.folderId = folderId;
    this.root = root;
    this.index = index;
    this.scanner = new Scanner(fs, ignored, hashPool);
    this.known = new IndexKnownFiles(index, folderId);
    this.recorder = new LocalChangeRecorder(index, folderId, localDevice, signer);
    this.fullRescanInterval = fullRescanInterval;
    this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "folder-" + folderId.substring(0, 8));
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts watching, runs the first full scan and schedules the periodic ones. */
  public void start() throws IOException {
    watcher = new FolderWatcher(root, SETTLE_DELAY, this::scanChanged, this::rescan);
    watcher.start();
    long every = fullRescanInterval.toMillis();
    worker.scheduleWithFixedDelay(this::fullScan, 0, every, TimeUnit.MILLISECONDS);
  }

  /** Queues a full scan of the folder. */
  public void rescan() {
    worker.execute(this::fullScan);
  }

  public String folderId() {
    return folderId;
  }

  public Path root() {
    return root;
  }

  public FolderState state() {
    return state;
  }

  public String error() {
    return error;
  }

  /** True once the first full scan finished. */
  public boolean initialScanDone() {
    return initialScanDone;
  }

  public FileCounts localCounts() {
    return index.counts(folderId, SqliteIndexStore.LOCAL);
  }

  private void scanChanged(Set<String> paths) {
    worker.execute(() -> runScan("changed paths", () -> scanner.scanPaths(paths, known,
        recorder)));
  }

  private void fullScan() {
    runScan("full scan", () -> scanner.scanAll(known, recorder));
    initialScanDone = true;
  }

  private void runScan(String what, ScanCall call) {
    state = FolderState.SCANNING;
    try {
      ScanStats stats = call.run();
      LOG.debug("folder {}: {} done: {}", folderId, what, stats);
      error = "";
      state = FolderState.IDLE;
    } catch (IOException | RuntimeException e) {
      error = what + " of " + root + " failed: " + e.getMessage();
      LOG.warn("folder {}: {}", folderId, error);
      state = FolderState.ERROR;
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A scan to run on the folder's thread. */
  @FunctionalInterface
  private interface ScanCall {
    ScanStats run() throws IOException;
  }

}
