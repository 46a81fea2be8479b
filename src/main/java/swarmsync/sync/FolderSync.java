package swarmsync.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.archive.ArchiveCatalog;
import swarmsync.archive.ArchiveCleaner;
import swarmsync.archive.ArchivedVersion;
import swarmsync.archive.Archiver;
import swarmsync.fs.FolderFs;
import swarmsync.fs.FolderWatcher;
import swarmsync.index.FileCounts;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.SignatureVerifier;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector;
import swarmsync.scan.PathFilter;
import swarmsync.scan.ScanStats;
import swarmsync.scan.Scanner;
import swarmsync.util.DaemonThreads;

/**
 * One shared folder on this device. Keeps the index's local records true to the disk (a full
 * scan at start, watcher-triggered scans of changed paths, a periodic full rescan), takes in
 * other devices' records after checking them, and pulls what the global version says this
 * device lacks. Scans and pulls of one folder never overlap: they run on the folder's thread.
 * Paths its {@code .sync/IgnoreList} matches stay out of sync both ways; what a pull replaces
 * or deletes goes to the archive, which each full scan expires and from which a user restores.
 */
public final class FolderSync implements AutoCloseable {
  /** How long filesystem events settle before their paths are scanned. */
  public static final Duration SETTLE_DELAY = Duration.ofMillis(100);
  /** Records in one batch from which signatures are checked on several threads. */
  static final int PARALLEL_VERIFY_MIN = 256;
  private static final int VERIFY_SLICES =
      Math.max(2, Runtime.getRuntime().availableProcessors());
  /** Delay before retrying a pull pass that left files unfinished. */
  static final Duration PULL_RETRY = Duration.ofSeconds(5);
  /** Bytes a pull leaves free on the folder's disk by default: room for everything else. */
  public static final long DEFAULT_MIN_FREE_BYTES = 64L * 1024 * 1024;

  private static final String FULL_SCAN = "full scan";
  private static final Logger LOG = LoggerFactory.getLogger(FolderSync.class);
  /**
   * Refused records of one message logged one by one (64); the rest are counted in one line,
   * so a peer flooding forged records cannot turn each into a log line.
   */
  static final int MAX_REFUSALS_LOGGED = 64;

  /** Told when this device's records of a folder changed, so peers can be sent them. */
  @FunctionalInterface
  public interface ChangeListener {
    void localRecordsChanged(String folderId);
  }

  private final String folderId;
  private final Path root;
  private final FolderFs fs;
  private final SqliteIndexStore index;
  private final Scanner scanner;
  private final IndexKnownFiles known;
  private final LocalChangeRecorder recorder;
  private final Duration fullRescanInterval;
  private final ScheduledExecutorService worker;
  private final ExecutorService hashPool;
  private final Puller puller;
  private final ChangeListener listener;
  private final IgnoreListFile ignoreList;
  private final ArchiveCatalog archive;
  private final ArchiveCleaner archiveCleaner;
  private final FileErrors fileErrors = new FileErrors();
  private final ServedRecords served = new ServedRecords();
  private final boolean receiveOnly;
  private final LocalChanges localChanges;
  private final LocalChangeReverter reverter;
  private volatile long locallyChanged;
  private final AtomicBoolean pullQueued = new AtomicBoolean();
  private volatile RecordVerifier verifier;
  private volatile FolderState state = FolderState.IDLE;
  private volatile String error = "";
  private volatile boolean initialScanDone;
  private volatile Puller.Need need = new Puller.Need(0, 0);
  private FolderWatcher watcher;

  /**
   * Everything a folder needs from the node that builds it. {@code ignored} adds to the
   * folder's ignore list; {@code archiveMaxAge} and {@code archiveMaxBytes} expire archived
   * versions; {@code minFreeBytes} is the disk space a pull never eats into.
   */
  public record Parts(String folderId, Path root, FolderFs fs, SqliteIndexStore index,
      long localDevice, RecordSigner signer, RecordVerifier verifier, Predicate<String> ignored,
      ExecutorService hashPool, ChunkSource chunks, ChangeListener listener, Clock clock,
      Duration fullRescanInterval, Duration archiveMaxAge, long archiveMaxBytes,
      long minFreeBytes) {

    /** Parts with the default archive retention and free-space margin. */
    public Parts(String folderId, Path root, FolderFs fs, SqliteIndexStore index,
        long localDevice, RecordSigner signer, RecordVerifier verifier,
        Predicate<String> ignored, ExecutorService hashPool, ChunkSource chunks,
        ChangeListener listener, Clock clock, Duration fullRescanInterval) {
      this(folderId, root, fs, index, localDevice, signer, verifier, ignored, hashPool, chunks,
          listener, clock, fullRescanInterval, ArchiveCleaner.DEFAULT_MAX_AGE,
          ArchiveCleaner.NO_SIZE_CAP, DEFAULT_MIN_FREE_BYTES);
    }
  }

  public FolderSync(Parts p) {
    this.folderId = p.folderId();
    this.root = p.root();
    this.fs = p.fs();
    this.index = p.index();
    this.ignoreList = new IgnoreListFile(p.fs(), p.clock(), SETTLE_DELAY);
    Predicate<String> extra = p.ignored();
    PathFilter ignored = (path, isDirectory) -> extra.test(path)
        || ignoreList.current().ignored(path, isDirectory);
    this.scanner = new Scanner(p.fs(), ignored, p.hashPool());
    this.hashPool = p.hashPool();
    this.known = new IndexKnownFiles(p.index(), p.folderId());
    LeftoverTemps temps = new LeftoverTemps();
    this.recorder = new LocalChangeRecorder(p.index(), p.folderId(), p.localDevice(),
        p.signer(), temps);
    this.verifier = p.verifier();
    this.fullRescanInterval = p.fullRescanInterval();
    Archiver archiver = new Archiver(p.fs(), p.clock());
    this.archive = new ArchiveCatalog(p.fs(), archiver);
    this.archiveCleaner = new ArchiveCleaner(p.fs(), archive, p.clock(), p.archiveMaxAge(),
        p.archiveMaxBytes());
    this.puller = new Puller(p.folderId(), p.fs(), p.index(), p.chunks(), archiver,
        new Puller.Policy(ignored, p.minFreeBytes(), fileErrors, !p.signer().canWrite()), temps);
    this.listener = p.listener();
    this.receiveOnly = !p.signer().canWrite();
    this.localChanges = new LocalChanges(p.index(), p.folderId());
    this.reverter = new LocalChangeReverter(p.folderId(), p.fs(), p.index(), archiver,
        localChanges, p.localDevice());
    this.worker = Executors.newSingleThreadScheduledExecutor(
        new DaemonThreads("folder-" + folderId.substring(0, 8)));
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

  /**
   * Sets the folder's public key once it is known (read-only and encrypted nodes learn it from
   * a peer, which checked it against the folder's fingerprint) and remembers it in the index,
   * so that after a restart this node still verifies records and passes the key on.
   */
  public void setVerifier(RecordVerifier verifier) {
    RecordVerifier before = this.verifier;
    this.verifier = verifier;
    if (before == null || !Arrays.equals(before.publicKey(), verifier.publicKey())) {
      index.setPublicKey(folderId, verifier.publicKey());
    }
  }

  /** The folder's public key, or an empty array while this node has not learned it. */
  public byte[] publicKey() {
    RecordVerifier v = verifier;
    return v == null ? new byte[0] : v.publicKey();
  }

  /** True when this node cannot write: its local changes stay local (see LocalChanges). */
  public boolean receiveOnly() {
    return receiveOnly;
  }

  /**
   * Takes in records another device announced: each must carry a valid folder signature and a
   * safe path, else it is dropped with a logged reason. Returns how many were stored.
   */
  public int acceptRemote(int device, String peer, List<FileRecord> records) {
    RecordVerifier v = verifier;
    int[] stored = {0};
    int[] older = {0};
    int[] refused = {0};
    String[] firstOlder = {null};
    FileRecord[] held = new FileRecord[records.size()];
    boolean[] signed = signaturesValid(v, records, held);
    index.inTransaction(() -> {
      for (int i = 0; i < records.size(); i++) {
        FileRecord r = records.get(i);
        String problem = RemotePaths.problem(r.path());
        if (problem == null && !signed[i]) {
          problem = v == null ? "the folder's public key is not known yet"
              : r.signature().length == 0 ? "unsigned record"
              : "bad folder signature (not signed with the folder's key, or altered)";
        }
        if (problem != null) {
          if (refused[0]++ < MAX_REFUSALS_LOGGED) {
            LOG.warn("folder {}: refusing {} from {}: {}", folderId, printable(r.path()), peer,
                problem);
          }
        } else {
          if (olderThan(held[i], r) && older[0]++ == 0) {
            firstOlder[0] = r.path();
          }
          index.putRemote(folderId, device, r);
          stored[0]++;
        }
      }
    });
    if (refused[0] > MAX_REFUSALS_LOGGED) {
      LOG.warn("folder {}: refused {} more records of that message from {} (not logged one by"
          + " one)", folderId, refused[0] - MAX_REFUSALS_LOGGED, peer);
    }
    if (older[0] > 0) {
      LOG.info("folder {}: {} records from {} are older than this device's version (replayed"
          + " or out of date); they change nothing here, first: {}", folderId, older[0], peer,
          printable(firstOlder[0]));
    }
    if (stored[0] > 0) {
      schedulePull();
    }
    return stored[0];
  }

  /**
   * Which records carry a valid folder signature (none while the key is unknown). A whole
   * index arrives on one connection's reader thread and an Ed25519 check takes ~80 us, so a
   * large batch is split over the hash pool's threads.
   */
  private boolean[] signaturesValid(RecordVerifier v, List<FileRecord> records,
      FileRecord[] held) {
    boolean[] valid = new boolean[records.size()];
    if (v == null) {
      return valid;
    }
    int slices = records.size() < PARALLEL_VERIFY_MIN ? 1 : VERIFY_SLICES;
    List<Callable<Void>> work = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      int from = records.size() * s / slices;
      int to = records.size() * (s + 1) / slices;
      work.add(() -> {
        for (int i = from; i < to; i++) {
          valid[i] = checked(v, records.get(i), held, i);
        }
        return null;
      });
    }
    try {
      if (slices > 1) {
        for (Future<Void> done : hashPool.invokeAll(work)) {
          done.get();
        }
        return valid;
      }
    } catch (RejectedExecutionException | ExecutionException closing) {
      LOG.debug("folder {}: checking signatures on this thread: {}", folderId,
          closing.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new boolean[records.size()];
    }
    for (int i = 0; i < records.size(); i++) {
      valid[i] = checked(v, records.get(i), held, i);
    }
    return valid;
  }

  /**
   * Whether the record carries a valid folder signature: true without a new check when this
   * device's own record of the path is the very same signed record (checked when it arrived,
   * or signed here). Keeps this device's record in {@code held[i]} for the caller.
   */
  private boolean checked(RecordVerifier v, FileRecord r, FileRecord[] held, int i) {
    if (r.signature().length == SignatureVerifier.SIGNATURE_BYTES) {
      held[i] = index.get(folderId, SqliteIndexStore.LOCAL, r.path()).orElse(null);
      if (held[i] != null && v.sameAsChecked(held[i], r)) {
        return true;
      }
    }
    return v.valid(r);
  }

  /** True when this device's record of the path (null: none) is strictly newer than it. */
  private static boolean olderThan(FileRecord local, FileRecord r) {
    return local != null && local.version().compare(r.version()) == VersionVector.Order.GREATER;
  }

  /** Forgets one device's records (its index was reset or it is gone for good). */
  public void dropDevice(int device) {
    index.dropDevice(folderId, device);
  }

  /** Asks for a pull pass soon (after a new peer connects, for instance). */
  public void schedulePull() {
    if (pullQueued.compareAndSet(false, true)) {
      worker.execute(this::pullPass);
    }
  }

  /** Up to {@code limit} of this device's records with a sequence above {@code after}. */
  public List<FileRecord> localRecordsSince(long after, int limit) {
    return index.recordsSince(folderId, SqliteIndexStore.LOCAL, after, limit);
  }

  /** This device's record of a path, if it has one. */
  public java.util.Optional<FileRecord> localRecord(String path) {
    return index.get(folderId, SqliteIndexStore.LOCAL, path);
  }

  /**
   * Reads one chunk of a local file for a peer: only a chunk this device's record of the path
   * lists at exactly that offset, length and hash, so a peer gets nothing the folder does not
   * announce (no other ranges, no hashes it merely guessed). The peer still verifies the bytes.
   */
  public byte[] readChunk(String path, long offset, int length, ChunkHash hash)
      throws IOException {
    if (RemotePaths.problem(path) != null) {
      throw new IOException("refusing to serve " + printable(path));
    }
    java.util.Optional<FileRecord> local = served.get(path,
        () -> index.localSequence(folderId, path),
        () -> index.get(folderId, SqliteIndexStore.LOCAL, path));
    if (receiveOnly && local.map(LocalChanges::unsigned).orElse(true)) {
      throw new IOException("not serving " + path + ": changed here, not the global version");
    }
    boolean announced = local.map(r -> ServedRecords.lists(r, offset, length, hash))
        .orElse(false);
    if (!announced) {
      throw new IOException("not serving " + printable(path) + " at " + offset + "+" + length
          + ": not a chunk of this device's version");
    }
    try (FileChannel in = fs.openRead(path)) {
      byte[] data = new byte[length];
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        if (in.read(buffer, offset + buffer.position()) < 0) {
          throw new IOException(path + " is shorter than " + (offset + length) + " bytes");
        }
      }
      return data;
    }
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

  public long needFiles() {
    return need.files();
  }

  public long needBytes() {
    return need.bytes();
  }

  /** The last error of each file the puller could not bring in yet, path to message. */
  public Map<String, String> fileErrors() {
    return fileErrors.snapshot();
  }

  /** How many local changes a receive-only folder holds (0 on a folder this node can write). */
  public long locallyChangedFiles() {
    return locallyChanged;
  }

  /** The local changes of a receive-only folder, in path order (none where it can write). */
  public List<LocalChange> localChanges() {
    List<LocalChange> list = new ArrayList<>();
    if (receiveOnly) {
      localChanges.forEach(list::add);
    }
    return list;
  }

  /**
   * Puts the global version back for every local change of a receive-only folder, on the
   * folder's thread: edited and added files go to the archive first (a conflict copy if that
   * fails), then the global versions are pulled from peers.
   */
  public RevertResult revertLocalChanges() throws IOException {
    if (!receiveOnly) {
      throw new IOException("folder " + root + " is read-write here: its changes are the"
          + " global version, there is nothing to revert");
    }
    RevertResult result = onWorker("reverting local changes of " + root, () -> {
      RevertResult r = reverter.revertAll();
      countLocalChanges();
      return r;
    });
    schedulePull();
    return result;
  }

  private void countLocalChanges() {
    if (receiveOnly) {
      try {
        locallyChanged = localChanges.count();
      } catch (RuntimeException e) {
        LOG.warn("folder {}: counting local changes failed: {}", folderId, e.getMessage());
      }
    }
  }

  /** Every version in the folder's archive, by original path, newest first. */
  public List<ArchivedVersion> archivedVersions() throws IOException {
    return archive.list();
  }

  /**
   * Moves an archived version back to its original path (archiving the file there now first)
   * on the folder's thread, between scans and pulls, then scans the path so the restored file
   * becomes this device's newest version. Returns the original path.
   */
  public String restore(String archivedPath) throws IOException {
    String restored = onWorker("restoring " + archivedPath,
        () -> archive.restore(archivedPath));
    scanChanged(Set.of(restored));
    return restored;
  }

  /** Runs {@code work} on the folder's thread, between scans and pulls, and waits for it. */
  private <T> T onWorker(String what, Callable<T> work) throws IOException {
    try {
      return worker.submit(work).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while " + what, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new IllegalStateException(what, e.getCause());
    }
  }

  private void scanChanged(Set<String> paths) {
    worker.execute(() -> runScan("changed paths", () -> scanner.scanPaths(paths, known,
        recorder)));
  }

  private void fullScan() {
    if (!runScan(FULL_SCAN, () -> scanner.scanAll(known, recorder))) {
      return;
    }
    forgetPlacements();
    cleanArchive();
    initialScanDone = true;
    schedulePull();
  }

  /**
   * Drops the placement notes a full scan did not adopt (a pull that failed, or a crash, before
   * its rename): no pull runs now, so every note left is stale.
   */
  private void forgetPlacements() {
    try {
      index.clearPlacing(folderId);
    } catch (RuntimeException e) {
      LOG.warn("folder {}: clearing placement notes failed: {}", folderId, e.getMessage());
    }
  }

  private void cleanArchive() {
    try {
      ArchiveCleaner.Result removed = archiveCleaner.clean();
      if (removed.versionsDeleted() > 0) {
        LOG.info("folder {}: archive: {} expired versions deleted ({} bytes)", folderId,
            removed.versionsDeleted(), removed.bytesDeleted());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("folder {}: cleaning the archive failed: {}", folderId, e.getMessage());
    }
  }

  /** Runs a scan; false when it was put off because the ignore list is being written. */
  private boolean runScan(String what, ScanCall call) {
    if (ignoreList.beingWritten()) {
      LOG.debug("folder {}: {} waits for {} to settle", folderId, what, IgnoreListFile.PATH);
      try {
        worker.schedule(this::fullScan, SETTLE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        LOG.debug("folder {}: closing, no scan after the ignore list settles", folderId);
      }
      return false;
    }
    state = FolderState.SCANNING;
    if (ignoreList.reload() && !what.equals(FULL_SCAN)) {
      rescan();
    }
    try {
      ScanStats stats;
      try {
        stats = call.run();
      } finally {
        recorder.flush();
      }
      if (stats.filesHashed() > 0 || stats.deleted() > 0) {
        LOG.info("folder {}: {}: {} files hashed ({} bytes), {} deleted, in {} ms", folderId,
            what, stats.filesHashed(), stats.bytesHashed(), stats.deleted(),
            stats.duration().toMillis());
      }
      String problem = ignoreList.problem();
      if (!problem.isEmpty() && !problem.equals(error)) {
        LOG.warn("folder {}: {}", folderId, problem);
      }
      error = problem;
      countLocalChanges();
      listener.localRecordsChanged(folderId);
    } catch (IOException | RuntimeException e) {
      error = what + " of " + root + " failed: " + e.getMessage();
      LOG.warn("folder {}: {}", folderId, error);
    }
    state = error.isEmpty() ? FolderState.IDLE : FolderState.ERROR;
    return true;
  }

  private void pullPass() {
    pullQueued.set(false);
    if (!initialScanDone) {
      return;
    }
    try {
      need = puller.need();
      if (need.files() > 0) {
        state = FolderState.SYNCING;
      }
      long started = System.nanoTime();
      Puller.PassResult result = puller.pull();
      if (result.applied() > 0 || result.failed() > 0) {
        LOG.info("folder {}: pulled {} items, {} failed, in {} ms", folderId, result.applied(),
            result.failed(), (System.nanoTime() - started) / 1_000_000);
      }
      if (result.applied() > 0) {
        listener.localRecordsChanged(folderId);
      }
      need = puller.need();
      if (result.applied() > 0) {
        countLocalChanges();
      }
      if (result.localChangesSeen()) {
        fullScan();
      }
      if (result.failed() > 0 || result.localChangesSeen()) {
        worker.schedule(this::schedulePull, PULL_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
      state = error.isEmpty() ? FolderState.IDLE : FolderState.ERROR;
    } catch (RejectedExecutionException closing) {
      LOG.debug("folder {}: closing, no pull retry", folderId);
    } catch (RuntimeException e) {
      error = "pulling into " + root + " failed: " + e.getMessage();
      LOG.warn("folder {}: {}", folderId, error, e);
      state = FolderState.ERROR;
    }
  }

  private static String printable(String path) {
    return path.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public void close() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        LOG.debug("closing watcher of {}: {}", root, e.getMessage());
      }
    }
    worker.shutdownNow();
    puller.close();
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
