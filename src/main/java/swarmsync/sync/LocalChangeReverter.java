package swarmsync.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.archive.Archiver;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;
import swarmsync.index.SqliteIndexStore;

/**
 * Puts a receive-only folder back to its global version, never destroying a local edit: an
 * edited or added file goes to the archive (or, when archiving fails, to a
 * {@code .sync-conflict-} copy beside it); an added directory is removed once empty; then
 * this device's record of the path is forgotten, so the puller fetches the global version
 * from peers (a local deletion needs nothing more). Runs on the folder's thread.
 */
final class LocalChangeReverter {
  private static final Logger LOG = LoggerFactory.getLogger(LocalChangeReverter.class);

  private final String folderId;
  private final FolderFs fs;
  private final SqliteIndexStore index;
  private final Archiver archiver;
  private final LocalChanges changes;
  private final long localDevice;

  LocalChangeReverter(String folderId, FolderFs fs, SqliteIndexStore index, Archiver archiver,
      LocalChanges changes, long localDevice) {
    this.folderId = folderId;
    this.fs = fs;
    this.index = index;
    this.archiver = archiver;
    this.changes = changes;
    this.localDevice = localDevice;
  }

  /** Reverts every local change, deepest paths first so directories are emptied first. */
  RevertResult revertAll() {
    List<LocalChange> all = new ArrayList<>();
    changes.forEach(all::add);
    all.sort(Comparator.comparing(LocalChange::path).reversed());
    int reverted = 0;
    int kept = 0;
    for (LocalChange change : all) {
      try {
        revert(change);
        reverted++;
      } catch (IOException e) {
        kept++;
        LOG.warn("folder {}: keeping local change of {}: {}", folderId, change.path(),
            e.getMessage());
      }
    }
    return new RevertResult(reverted, kept);
  }

  private void revert(LocalChange change) throws IOException {
    if (change.kind() != LocalChange.Kind.DELETED) {
      moveAway(change);
    }
    index.removeLocal(folderId, change.path());
    LOG.info("folder {}: reverted local change ({}) of {}", folderId, change.kind().jsonName(),
        change.path());
  }

  /** Moves what is at the path out of the way without destroying anything. */
  private void moveAway(LocalChange change) throws IOException {
    String path = change.path();
    Optional<FileMeta> meta = fs.stat(path);
    if (meta.isEmpty()) {
      return;
    }
    switch (meta.get().kind()) {
      case FILE -> keep(path, meta.get());
      case DIRECTORY -> {
        if (change.kind() == LocalChange.Kind.ADDED) {
          fs.delete(path);
        }
      }
      default -> {
        fs.delete(path);
        LOG.info("folder {}: removed local symlink {} -> {}", folderId, path,
            meta.get().symlinkTarget());
      }
    }
  }

  /** Archives the file, or renames it to a conflict copy when the archive cannot take it. */
  private void keep(String path, FileMeta meta) throws IOException {
    try {
      String archived = archiver.archive(path);
      LOG.info("folder {}: local version of {} archived as {}", folderId, path, archived);
    } catch (IOException e) {
      String copy = ConflictNamer.free(fs, path, Instant.EPOCH.plusNanos(meta.mtimeNanos()),
          Puller.deviceName(localDevice));
      fs.rename(path, copy);
      LOG.info("folder {}: archiving {} failed ({}); local version kept as {}", folderId, path,
          e.getMessage(), copy);
    }
  }
}
