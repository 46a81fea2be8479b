package swarmsync.scan;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;
import swarmsync.fs.FolderNames;
import swarmsync.fs.UnsafePathException;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileType;

/**
 * Finds what changed in a folder since the index last looked: walks it (or some paths of it),
 * re-reads only files whose type, size, mtime, permissions or inode differ from their known
 * record, chunks and hashes those on the hash pool, and reports paths that are gone. Skips
 * {@code .sync}, our temporary files and whatever the ignore filter matches (with everything
 * below it), and never reports an ignored path deleted. Memory does not grow with the folder:
 * the walk streams, at most {@link #IN_FLIGHT} files are being hashed at once, and results go
 * straight to the sink.
 */
public final class Scanner {
  /** Files hashed at once: two per core keeps every core busy while others wait on the disk. */
  static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();
  /** Reads of a file that keeps changing under us before it is left for the next scan. */
  static final int MAX_ATTEMPTS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(Scanner.class);

  private final FolderFs fs;
  private final PathFilter ignored;
  private final ExecutorService hashPool;
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final ConcurrentLinkedQueue<ChunkHasher> idleHashers = new ConcurrentLinkedQueue<>();

  public Scanner(FolderFs fs, Predicate<String> ignored, ExecutorService hashPool) {
    this(fs, (path, isDirectory) -> ignored.test(path), hashPool);
  }

  public Scanner(FolderFs fs, PathFilter ignored, ExecutorService hashPool) {
    this.fs = Objects.requireNonNull(fs, "fs");
    this.ignored = Objects.requireNonNull(ignored, "ignored");
    this.hashPool = Objects.requireNonNull(hashPool, "hashPool");
  }

  /** Scans the whole folder; throws if the walk itself fails (then no deletions are sent). */
  public ScanStats scanAll(KnownFiles known, ScanSink sink) throws IOException {
    ScanRun run = new ScanRun(known, sink);
    try {
      fs.walk("", run::visit);
    } finally {
      run.awaitHashing();
    }
    known.forEachLivePath(path -> run.reportIfGone(path));
    return run.stats();
  }

  /**
   * Scans the given paths (from the watcher): a file is rescanned, a directory with everything
   * below it, and a path that is gone is reported deleted with everything known below it.
   * Problems with one path are logged and counted in {@link ScanStats#filesNotScanned}.
   */
  public ScanStats scanPaths(Collection<String> paths, KnownFiles known, ScanSink sink) {
    ScanRun run = new ScanRun(known, sink);
    Set<String> tops = outermost(paths);
    try {
      for (String top : tops) {
        scanOne(run, top);
      }
    } finally {
      run.awaitHashing();
    }
    for (String top : new TreeSet<>(tops)) {
      known.forEachLivePathUnder(top, run::reportIfGone);
    }
    return run.stats();
  }

  private void scanOne(ScanRun run, String top) {
    try {
      if (top.isEmpty()) {
        fs.walk("", run::visit);
        return;
      }
      Optional<FileMeta> meta = run.presentMeta(top);
      if (meta.isPresent() && run.visit(top, meta.get())
          && meta.get().kind() == FileMeta.Kind.DIRECTORY) {
        fs.walk(top, run::visit);
      }
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      run.notScanned.increment();
    } catch (IOException e) {
      LOG.warn("scanning {} failed, leaving it for the next scan", top, e);
      run.notScanned.increment();
    }
  }

  /** The paths not below another one of them, without skipped ones. */
  private Set<String> outermost(Collection<String> paths) {
    Set<String> all = new HashSet<>(paths);
    Set<String> tops = new HashSet<>();
    for (String path : all) {
      if (!hasAncestorIn(path, all) && !skippedWithAncestors(path, false)) {
        tops.add(path);
      }
    }
    return tops.contains("") ? Set.of("") : tops;
  }

  /** True when a proper ancestor of the path (not the path itself) is in the set. */
  private static boolean hasAncestorIn(String path, Set<String> set) {
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (set.contains(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }

  /** True when a directory above the path, or the path itself taken as what it is, is skipped. */
  private boolean skippedWithAncestors(String path, boolean isDirectory) {
    if (path.isEmpty()) {
      return false;
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (skipped(path.substring(0, slash), true)) {
        return true;
      }
    }
    return skipped(path, isDirectory);
  }

  boolean skipped(String path, boolean isDirectory) {
    return FolderNames.isInternal(path) || ignored.ignored(path, isDirectory);
  }

  static FileType typeOf(FileMeta.Kind kind) {
    return switch (kind) {
      case FILE -> FileType.FILE;
      case DIRECTORY -> FileType.DIRECTORY;
      case SYMLINK -> FileType.SYMLINK;
      case OTHER -> null;
    };
  }

  /**
   * True when nothing the scanner reports could differ from the known record. A directory's
   * size and mtime follow its entries, not itself, so only its permissions count.
   */
  static boolean unchanged(KnownFile known, FileType type, FileMeta meta) {
    if (known.deleted() || known.type() != type || known.permissions() != meta.permissions()) {
      return false;
    }
    if (type == FileType.DIRECTORY) {
      return true;
    }
    return known.size() == meta.size() && known.mtimeNanos() == meta.mtimeNanos()
        && (known.fileKey().isEmpty() || known.fileKey().equals(meta.fileKey()));
  }

  /** Starts hashing a file on the pool, waiting first while {@link #IN_FLIGHT} are running. */
  void submit(ScanRun run, String path, FileMeta meta) throws IOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("scan interrupted before hashing " + path);
    }
    ChunkHasher hasher = Optional.ofNullable(idleHashers.poll()).orElseGet(ChunkHasher::new);
    run.tasks.register();
    try {
      hashPool.execute(() -> {
        try {
          run.hashed(path, hashStable(path, meta, hasher, run));
        } catch (IOException | RuntimeException e) {
          run.failed(path, e);
        } finally {
          idleHashers.add(hasher);
          slots.release();
          run.tasks.arriveAndDeregister();
        }
      });
    } catch (RejectedExecutionException e) {
      idleHashers.add(hasher);
      slots.release();
      run.tasks.arriveAndDeregister();
      throw new IOException("hash pool refused " + path, e);
    }
  }

  /**
   * Chunks a file and checks with a second stat that it did not change meanwhile (same size,
   * mtime and inode, and as many bytes read as it has; reading stops one byte past the expected
   * size, so a growing file is not followed forever); retries up to {@link #MAX_ATTEMPTS}
   * times, then gives up with null. Chunks never describe bytes other than the reported ones.
   */
  private ScannedFile hashStable(String path, FileMeta before, ChunkHasher hasher, ScanRun run)
      throws IOException {
    FileMeta expected = before;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      List<ChunkRef> chunks;
      try (FileChannel in = fs.openRead(path)) {
        chunks = hasher.hashFile(in, expected.size());
      }
      long read = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).end();
      Optional<FileMeta> after = fs.stat(path);
      if (after.isEmpty() || after.get().kind() != FileMeta.Kind.FILE) {
        return null;
      }
      FileMeta now = after.get();
      if (read == now.size() && now.size() == expected.size()
          && now.mtimeNanos() == expected.mtimeNanos()
          && now.fileKey().equals(expected.fileKey())) {
        run.bytesHashed.add(read);
        return new ScannedFile(path, FileType.FILE, now.size(), now.mtimeNanos(),
            now.permissions(), now.fileKey(), chunks, "");
      }
      LOG.debug("{} changed while being read (attempt {}), reading again", path, attempt);
      expected = now;
    }
    LOG.info("{} keeps changing while being read, leaving it for the next scan", path);
    return null;
  }

  /** The state of one scanAll or scanPaths call. */
  final class ScanRun {
    final KnownFiles known;
    final ScanSink sink;
    final Phaser tasks = new Phaser(1);
    final LongAdder seen = new LongAdder();
    final LongAdder filesHashed = new LongAdder();
    final LongAdder bytesHashed = new LongAdder();
    final LongAdder deleted = new LongAdder();
    final LongAdder notScanned = new LongAdder();
    private final long startNanos = System.nanoTime();
    private volatile RuntimeException sinkFailure;

    ScanRun(KnownFiles known, ScanSink sink) {
      this.known = Objects.requireNonNull(known, "known");
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Walk visitor: reports or queues one entry; false to skip a directory's contents. */
    boolean visit(String path, FileMeta meta) throws IOException {
      FileType type = typeOf(meta.kind());
      if (type == FileType.FILE && FolderNames.isTemp(path)) {
        sink.temporary(path);
        return false;
      }
      if (type == null || skipped(path, type == FileType.DIRECTORY)) {
        return false;
      }
      seen.increment();
      Optional<KnownFile> before = known.get(path);
      if (before.isPresent() && unchanged(before.get(), type, meta)) {
        return true;
      }
      if (type == FileType.FILE) {
        submit(this, path, meta);
      } else {
        sink.changed(new ScannedFile(path, type, 0, meta.mtimeNanos(), meta.permissions(),
            meta.fileKey(), List.of(), meta.symlinkTarget()));
      }
      return true;
    }

    void hashed(String path, ScannedFile file) {
      if (file == null) {
        notScanned.increment();
        return;
      }
      filesHashed.increment();
      sink.changed(file);
    }

    void failed(String path, Exception e) {
      notScanned.increment();
      if (e instanceof RuntimeException runtime) {
        sinkFailure = runtime;
      } else {
        LOG.warn("reading {} failed, leaving it for the next scan", path, e);
      }
    }

    /** Metadata of a path, empty if absent, unsyncable (a socket) or behind a symlink. */
    Optional<FileMeta> presentMeta(String path) throws IOException {
      try {
        return fs.stat(path).filter(m -> m.kind() != FileMeta.Kind.OTHER);
      } catch (UnsafePathException e) {
        return Optional.empty();
      }
    }

    /**
     * Reports a known path deleted when it is gone, unless it is ignored now: a path that
     * became ignored leaves sync as it is, its deletion is not news for other devices.
     */
    void reportIfGone(String path) {
      try {
        if (presentMeta(path).isEmpty() && !ignoredNow(path)) {
          sink.deleted(path);
          deleted.increment();
        }
      } catch (IOException e) {
        LOG.warn("cannot tell whether {} still exists, not reporting it deleted", path, e);
      }
    }

    private boolean ignoredNow(String path) {
      boolean directory = known.get(path).map(k -> k.type() == FileType.DIRECTORY)
          .orElse(false);
      return skippedWithAncestors(path, directory);
    }

    void awaitHashing() {
      tasks.arriveAndAwaitAdvance();
      if (sinkFailure != null) {
        throw sinkFailure;
      }
    }

    ScanStats stats() {
      return new ScanStats(seen.sum(), filesHashed.sum(), bytesHashed.sum(), deleted.sum(),
          notScanned.sum(), Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }
}
