package swarmsync.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.archive.Archiver;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;
import swarmsync.fs.UnsafePathException;
import swarmsync.index.DeviceRecord;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector.Order;
import swarmsync.scan.PathFilter;
import swarmsync.util.Base32;
import swarmsync.util.DaemonThreads;

/**
 * Brings the disk to the global version of every path: walks the paths other devices
 * announced, decides what this device needs, and applies it: directories, symlinks, files
 * (assembled in a temp file and renamed into place), deletions (old content archived first)
 * and conflicts (the losing local version kept as a conflict copy). Paths ignored here are
 * left alone whatever other devices say of them. A file that cannot be brought in (no peer,
 * no space, a write error) fails alone, never appears under its name half-written, and is
 * retried later.
 */
final class Puller {
  /** Paths read from the index per page, so memory does not grow with the folder. */
  private static final int PAGE = 500;
  /**
   * Files assembled at once: overlaps one file's fsync and round trips with the next file's
   * transfer; the per-peer request budget keeps the total in flight bounded.
   */
  static final int PARALLEL_FILES = 8;

  private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

  private final String folderId;
  private final FolderFs fs;
  private final SqliteIndexStore index;
  private final ChunkSource source;
  private final Archiver archiver;
  private final FileAssembler assembler;
  private final ExecutorService workers;
  private final PlacedFiles placed;
  private final PathFilter ignored;
  private final long minFreeBytes;
  private final FileErrors errors;
  private final boolean receiveOnly;
  private final LeftoverTemps temps;
  /** Bytes promised to files being assembled now, so parallel files do not overbook the disk. */
  private long promised;

  /**
   * Settings and reporting of a puller beyond its collaborators. {@code receiveOnly}: this
   * device cannot write, so its unsigned local records are local changes, not versions (see
   * {@link LocalChanges}).
   */
  record Policy(PathFilter ignored, long minFreeBytes, FileErrors errors, boolean receiveOnly) {}

  Puller(String folderId, FolderFs fs, SqliteIndexStore index, ChunkSource source,
      Archiver archiver, Policy policy, LeftoverTemps temps) {
    this.temps = temps;
    this.folderId = folderId;
    this.ignored = policy.ignored();
    this.minFreeBytes = policy.minFreeBytes();
    this.errors = policy.errors();
    this.receiveOnly = policy.receiveOnly();
    this.fs = fs;
    this.index = index;
    this.source = source;
    this.archiver = archiver;
    this.assembler = new FileAssembler(folderId, fs, index, source);
    this.placed = new PlacedFiles(folderId, fs, index);
    this.workers = Executors.newFixedThreadPool(PARALLEL_FILES,
        new DaemonThreads("puller-" + folderId.substring(0, 8)));
  }

  /** What this device still needs: files and bytes. */
  record Need(long files, long bytes) {}

  /** The outcome of one pass. */
  record PassResult(int applied, int failed, boolean localChangesSeen) {}

  /** Counts what is needed without touching the disk. */
  Need need() {
    long[] totals = new long[2];
    forEachNeed((path, local, global) -> {
      if (!global.record().deleted()) {
        totals[0]++;
        totals[1] += global.record().size();
      }
    });
    return new Need(totals[0], totals[1]);
  }

  /** One pass over every needed path; files are assembled several at a time. */
  PassResult pull() {
    AtomicInteger applied = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger localChanges = new AtomicInteger();
    List<String> directoriesToDelete = Collections.synchronizedList(new ArrayList<>());
    Semaphore slots = new Semaphore(PARALLEL_FILES);
    CaseClashes clashes = new CaseClashes(fs);
    temps.beginPass();
    forEachNeed((path, local, global) -> {
      String clash = global.record().deleted() ? null : clashes.clash(path);
      if (clash != null) {
        refuse(path, clash);
        return;
      }
      if (global.record().type() == FileType.FILE && !global.record().deleted()) {
        temps.stillNeeded(TempNames.tempFor(path));
      }
      Runnable work = () -> {
        try {
          Outcome outcome = apply(local, global, directoriesToDelete);
          (outcome == Outcome.APPLIED ? applied : localChanges).incrementAndGet();
          errors.succeeded(path);
        } catch (UnsafePathException e) {
          refuse(path, e.getMessage());
        } catch (IOException | PullException | RuntimeException e) {
          failed.incrementAndGet();
          errors.failed(path, String.valueOf(e.getMessage()));
          LOG.warn("folder {}: pulling {} failed: {}", folderId, path, e.getMessage());
        }
      };
      FileRecord g = global.record();
      if (g.type() != FileType.FILE || g.deleted()) {
        work.run();
        return;
      }
      slots.acquireUninterruptibly();
      try {
        workers.execute(() -> {
          try {
            work.run();
          } finally {
            slots.release();
          }
        });
      } catch (RejectedExecutionException e) {
        slots.release();
        failed.incrementAndGet();
      }
    });
    slots.acquireUninterruptibly(PARALLEL_FILES);
    slots.release(PARALLEL_FILES);
    try {
      placed.flush();
    } catch (IOException | RuntimeException e) {
      failed.incrementAndGet();
      LOG.warn("folder {}: recording pulled files failed: {}", folderId, e.getMessage());
    }
    List<String> dirs = new ArrayList<>(directoriesToDelete);
    dirs.sort(Comparator.reverseOrder());
    temps.endPass().forEach(this::deleteTemp);
    dirs.forEach(this::deleteDirectory);
    errors.endPass();
    return new PassResult(applied.get(), failed.get(), localChanges.get() > 0);
  }

  /**
   * Notes a path this device will not write whatever peers say (a case clash, a parent that
   * is a symlink): a per-file error, logged when it is new; not retried before the next pass.
   */
  private void refuse(String path, String reason) {
    if (errors.failed(path, reason)) {
      LOG.warn("folder {}: refusing {}: {}", folderId, path, reason);
    }
  }

  /** Stops the file workers. */
  void close() {
    workers.shutdownNow();
    assembler.close();
  }

  private enum Outcome { APPLIED, FAILED, LOCAL_CHANGE }

  private Outcome apply(Optional<FileRecord> local, DeviceRecord global,
      List<String> directoriesToDelete) throws IOException, PullException {
    FileRecord g = global.record();
    if (local.isPresent() && !onDiskAsRecorded(local.get())) {
      return Outcome.LOCAL_CHANGE;
    }
    if (receiveOnly && local.isPresent() && LocalChanges.unsigned(local.get())
        && local.get().sameContent(g)) {
      record(g);
      return Outcome.APPLIED;
    }
    if (local.isPresent() && local.get().sameBytes(g)) {
      // The same bytes under another version (one file put on several devices, the same edit
      // made twice): nothing to fetch and no conflict copy to make, only the metadata to take.
      fs.setPermissions(g.path(), g.permissions());
      fs.setMtime(g.path(), g.mtimeNanos());
      record(g);
      return Outcome.APPLIED;
    }
    if (local.isEmpty() && !g.deleted()) {
      failIfAppeared(g.path());
    }
    if (g.deleted()) {
      removeLocal(local, g, directoriesToDelete);
      return Outcome.APPLIED;
    }
    switch (g.type()) {
      case DIRECTORY -> {
        fs.createDirectories(g.path());
        fs.setPermissions(g.path(), g.permissions());
        record(g);
      }
      case SYMLINK -> {
        Optional<String> copy = moveAside(local, g);
        fs.createSymlink(g.path(), g.symlinkTarget());
        logConflict(g.path(), copy);
        record(g);
      }
      case FILE -> pullFile(local, global);
      default -> throw new IllegalStateException("unknown type " + g.type());
    }
    return Outcome.APPLIED;
  }

  private void pullFile(Optional<FileRecord> local, DeviceRecord global)
      throws IOException, PullException {
    FileRecord g = global.record();
    int slash = g.path().lastIndexOf('/');
    if (slash > 0) {
      fs.createDirectories(g.path().substring(0, slash));
    }
    long reserved = reserveSpaceFor(g);
    boolean placedHere = false;
    try {
      String temp = assembleOrDiscard(g);
      // The placement is noted before the last check, not between moving the old file aside
      // and the rename: the index may wait on other writers, and a local program's write
      // landing in that gap would be replaced without a trace.
      index.notePlacing(folderId, g);
      // Has the file changed since we decided? Checked again right before the rename: a local
      // program's write keeps its own complete version and goes through conflict resolution
      // after the next scan, instead of being replaced or mixed with the pulled one.
      try {
        if (local.isPresent() && !onDiskAsRecorded(local.get())) {
          throw new PullException(g.path()
              + " changed here while it was pulled; rescanning first");
        }
        if (local.isEmpty()) {
          failIfAppeared(g.path());
        }
      } catch (PullException changed) {
        index.donePlacing(folderId, g.path());
        fs.delete(temp);
        throw changed;
      }
      Optional<String> copy = moveAside(local, g);
      fs.rename(temp, g.path());
      placedHere = true;
      logConflict(g.path(), copy);
      temps.forget(temp);
      placed.add(g);
    } finally {
      if (!placedHere) {
        // A temp file left by a failed pull is kept to resume from while the path is needed,
        // and removed at the end of the first pass that no longer needs it.
        temps.found(TempNames.tempFor(g.path()));
        temps.stillNeeded(TempNames.tempFor(g.path()));
      }
      release(reserved);
    }
  }

  /**
   * Promises the file the bytes its temp file still lacks, or fails it when the disk, less
   * what other files in progress were promised, has not that much room plus the margin kept
   * free: a pull never fills the disk other programs need, and of files that do not all fit,
   * those that do go through. Returns the bytes promised. Conservative: the free space already
   * reflects what files in progress have written of their promise.
   */
  private long reserveSpaceFor(FileRecord g) throws IOException, PullException {
    long partial = fs.stat(TempNames.tempFor(g.path())).map(FileMeta::size).orElse(0L);
    long toWrite = Math.max(0, g.size() - partial);
    synchronized (this) {
      long have = fs.usableSpace() - promised;
      if (have - minFreeBytes < toWrite) {
        throw new PullException("not enough free space for " + g.path() + ": need " + toWrite
            + " bytes + " + minFreeBytes + " kept free, have " + have + " bytes"
            + (promised > 0 ? " (after " + promised + " promised to other files)" : ""));
      }
      promised += toWrite;
    }
    return toWrite;
  }

  private synchronized void release(long bytes) {
    promised -= bytes;
  }

  /**
   * Assembles the file's temp file; when writing it fails (a full disk, most likely) the temp
   * file is deleted to give its space back to files that fit, and the file starts over later.
   */
  private String assembleOrDiscard(FileRecord g) throws IOException, PullException {
    try {
      return assembler.assemble(g, () -> devicesWith(g));
    } catch (IOException e) {
      String temp = TempNames.tempFor(g.path());
      try {
        fs.delete(temp);
      } catch (IOException again) {
        LOG.debug("folder {}: deleting {} failed: {}", folderId, temp, again.getMessage());
      }
      throw new IOException("writing " + g.path() + " failed, partial file discarded: "
          + e.getMessage(), e);
    }
  }

  /**
   * Archives, or for a concurrent local version renames to a conflict copy, what is there.
   * Returns the conflict copy's name, for the caller to log once the new version is in place:
   * nothing slower than a rename may stand between moving aside and placing.
   */
  private Optional<String> moveAside(Optional<FileRecord> local, FileRecord global)
      throws IOException {
    Optional<FileMeta> meta = fs.stat(global.path());
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    if (meta.get().kind() == FileMeta.Kind.DIRECTORY) {
      throw new IOException(global.path() + " is a directory here; not replacing it");
    }
    if (meta.get().kind() != FileMeta.Kind.FILE) {
      fs.delete(global.path());
      return Optional.empty();
    }
    if (local.isPresent() && !local.get().deleted()
        && local.get().version().compare(global.version()) == Order.CONCURRENT
        && !local.get().sameContent(global)) {
      FileRecord loser = local.get();
      String copy = ConflictNamer.free(fs, global.path(),
          Instant.EPOCH.plusNanos(loser.mtimeNanos()), deviceName(loser.modifiedBy()));
      fs.rename(global.path(), copy);
      return Optional.of(copy);
    }
    archiver.archive(global.path());
    return Optional.empty();
  }

  private void logConflict(String path, Optional<String> copy) {
    copy.ifPresent(c -> LOG.info("folder {}: conflict on {}: local version kept as {}",
        folderId, path, c));
  }

  private void removeLocal(Optional<FileRecord> local, FileRecord g,
      List<String> directoriesToDelete) throws IOException {
    Optional<FileMeta> meta = fs.stat(g.path());
    if (meta.isPresent()) {
      switch (meta.get().kind()) {
        case DIRECTORY -> directoriesToDelete.add(g.path());
        case FILE -> logConflict(g.path(), moveAside(local, g));
        default -> fs.delete(g.path());
      }
    }
    record(g);
  }

  /** Removes a temp file no pull needs any more (its path was deleted, renamed, or is here). */
  private void deleteTemp(String temp) {
    try {
      if (fs.stat(temp).isPresent()) {
        fs.delete(temp);
        LOG.info("folder {}: removed {}: no pull needs it any more", folderId, temp);
      }
    } catch (IOException e) {
      LOG.info("folder {}: removing {} failed: {}", folderId, temp, e.getMessage());
    }
  }

  private void deleteDirectory(String path) {
    try {
      fs.delete(path);
    } catch (IOException e) {
      LOG.info("folder {}: keeping directory {}: {}", folderId, path, e.getMessage());
    }
  }

  /** Stores the global record as this device's, with a fresh local sequence. */
  private void record(FileRecord g) throws IOException {
    String fileKey = fs.stat(g.path()).map(FileMeta::fileKey).orElse("");
    index.putLocal(folderId, g.withSequence(index.nextLocalSequence(folderId)), fileKey);
  }

  /**
   * Fails when a file this device has no record of is on disk at {@code path}: created here
   * and not scanned yet. It is kept until a scan records it; then versions decide.
   */
  private void failIfAppeared(String path) throws IOException, PullException {
    Optional<FileMeta> meta = fs.stat(path);
    if (meta.isPresent() && meta.get().kind() == FileMeta.Kind.FILE) {
      throw new PullException(path + " was created here and is not scanned yet; kept until it"
          + " is, then versions decide");
    }
  }

  /**
   * True when the disk still shows what the local record says (no unscanned change): as the
   * scanner judges it, size, mtime and inode.
   */
  private boolean onDiskAsRecorded(FileRecord local) throws IOException {
    Optional<FileMeta> meta = fs.stat(local.path());
    if (local.deleted()) {
      return meta.isEmpty();
    }
    if (meta.isEmpty()) {
      return false;
    }
    FileMeta m = meta.get();
    return switch (local.type()) {
      case FILE -> m.kind() == FileMeta.Kind.FILE && m.size() == local.size()
          && m.mtimeNanos() == local.mtimeNanos() && sameInode(local.path(), m);
      case DIRECTORY -> m.kind() == FileMeta.Kind.DIRECTORY;
      case SYMLINK -> m.kind() == FileMeta.Kind.SYMLINK;
    };
  }

  /**
   * True unless the file at the path is another inode than the one recorded: a file moved
   * over it (how editors and sync tools save) with the same size within the same mtime tick
   * (the kernel's file times are only as fine as its clock tick) is still a change.
   */
  private boolean sameInode(String path, FileMeta meta) {
    String recorded = index.localFileKey(folderId, path);
    return recorded.isEmpty() || recorded.equals(meta.fileKey());
  }

  /** True when the path is ignored on this device, as what it is here or would become. */
  private boolean ignoredHere(FileRecord global, Optional<FileRecord> local) {
    boolean directory = global.type() == FileType.DIRECTORY
        || local.map(l -> l.type() == FileType.DIRECTORY && !l.deleted()).orElse(false);
    return ignored.ignored(global.path(), directory);
  }

  private List<Integer> devicesWith(FileRecord g) {
    Set<Integer> connected = source.connectedDevices(folderId);
    List<Integer> devices = new ArrayList<>();
    for (DeviceRecord r : index.recordsForPath(folderId, g.path())) {
      if (r.device() != SqliteIndexStore.LOCAL && connected.contains(r.device())
          && r.record().version().equals(g.version())) {
        devices.add(r.device());
      }
    }
    return devices;
  }

  static String deviceName(long shortId) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (shortId >>> (56 - 8 * i));
    }
    return Base32.encode(b).substring(0, 7);
  }

  /** Receives each path this device needs, with its local record and the global one. */
  @FunctionalInterface
  private interface NeedVisitor {
    void visit(String path, Optional<FileRecord> local, DeviceRecord global);
  }

  private void forEachNeed(NeedVisitor visitor) {
    String after = "";
    while (true) {
      List<String> page = index.remotePathsAfter(folderId, after, PAGE);
      if (page.isEmpty()) {
        return;
      }
      after = page.get(page.size() - 1);
      for (String path : page) {
        if (RemotePaths.problem(path) != null) {
          continue;
        }
        List<DeviceRecord> records = index.recordsForPath(folderId, path);
        Optional<FileRecord> local = records.stream()
            .filter(r -> r.device() == SqliteIndexStore.LOCAL).map(DeviceRecord::record)
            .findFirst();
        Optional<DeviceRecord> winner = receiveOnly ? LocalChanges.globalOf(records)
            : GlobalVersion.winner(records);
        if (winner.isEmpty() || winner.get().device() == SqliteIndexStore.LOCAL) {
          continue;
        }
        FileRecord g = winner.get().record();
        if (local.isPresent() && local.get().version().equals(g.version())) {
          continue;
        }
        if (receiveOnly && LocalChanges.keptOver(local, g)) {
          continue;
        }
        if (ignoredHere(g, local)) {
          continue;
        }
        if (local.isEmpty() && g.deleted()) {
          continue;
        }
        visitor.visit(path, local, winner.get());
      }
    }
  }
}
