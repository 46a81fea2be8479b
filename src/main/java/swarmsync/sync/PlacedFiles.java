package swarmsync.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;

/**
 * Pulled files renamed into place whose directory entries are not yet on stable storage. A
 * file enters the index only after its directory was fsynced, so a crash can never leave the
 * index claiming a file the disk lost; batching lets one directory fsync and one database
 * transaction cover many small files. The puller notes each placement in the index before its
 * rename ({@link SqliteIndexStore#notePlacing}); the note is dropped when the file is recorded,
 * so a scan after a crash in between adopts the file as the version it was pulled as.
 */
final class PlacedFiles {
  /** Files per batch: one fsync per directory and one transaction per this many files. */
  static final int BATCH = 64;

  private final String folderId;
  private final FolderFs fs;
  private final SqliteIndexStore index;
  private final List<FileRecord> pending = new ArrayList<>();

  PlacedFiles(String folderId, FolderFs fs, SqliteIndexStore index) {
    this.folderId = folderId;
    this.fs = fs;
    this.index = index;
  }

  /** Notes a file renamed into place; flushes when the batch is full. */
  synchronized void add(FileRecord placed) throws IOException {
    pending.add(placed);
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Fsyncs the directories of every pending file, then records them in one transaction. */
  synchronized void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    Set<String> dirs = new LinkedHashSet<>();
    for (FileRecord r : pending) {
      int slash = r.path().lastIndexOf('/');
      dirs.add(slash > 0 ? r.path().substring(0, slash) : "");
    }
    for (String dir : dirs) {
      fs.syncDirectory(dir);
    }
    List<String> keys = new ArrayList<>(pending.size());
    for (FileRecord r : pending) {
      keys.add(fs.stat(r.path()).map(FileMeta::fileKey).orElse(""));
    }
    index.inTransaction(() -> {
      for (int i = 0; i < pending.size(); i++) {
        FileRecord r = pending.get(i);
        index.putLocal(folderId, r.withSequence(index.nextLocalSequence(folderId)), keys.get(i));
        index.donePlacing(folderId, r.path());
      }
    });
    pending.clear();
  }
}
