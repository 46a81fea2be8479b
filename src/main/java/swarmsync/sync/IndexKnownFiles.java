package swarmsync.sync;

import java.util.Optional;
import java.util.function.Consumer;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;
import swarmsync.scan.KnownFile;
import swarmsync.scan.KnownFiles;

/** What the index holds for this device in one folder, as the scanner asks for it. */
final class IndexKnownFiles implements KnownFiles {
  private final SqliteIndexStore index;
  private final String folderId;

  IndexKnownFiles(SqliteIndexStore index, String folderId) {
    this.index = index;
    this.folderId = folderId;
  }

  @Override
  public Optional<KnownFile> get(String path) {
    Optional<FileRecord> record = index.get(folderId, SqliteIndexStore.LOCAL, path);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    FileRecord r = record.get();
    return Optional.of(new KnownFile(r.type(), r.size(), r.mtimeNanos(), r.permissions(),
        index.localFileKey(folderId, path), r.deleted()));
  }

  @Override
  public void forEachLivePath(Consumer<String> action) {
    index.forEachLivePath(folderId, SqliteIndexStore.LOCAL, action);
  }

  @Override
  public void forEachLivePathUnder(String top, Consumer<String> action) {
    if (top.isEmpty()) {
      forEachLivePath(action);
    } else {
      index.forEachLivePathUnder(folderId, SqliteIndexStore.LOCAL, top, action);
    }
  }
}
