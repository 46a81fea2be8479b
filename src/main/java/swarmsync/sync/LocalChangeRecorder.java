package swarmsync.sync;

import java.util.List;
import java.util.Optional;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;
import swarmsync.scan.ScanSink;
import swarmsync.scan.ScannedFile;

/**
 * Turns what the scanner found into this device's file records: a new version (the local
 * device's counter bumped) and the next local sequence number for each real change.
 */
final class LocalChangeRecorder implements ScanSink {
  private final SqliteIndexStore index;
  private final String folderId;
  private final long localDevice;
  private final RecordSigner signer;

  LocalChangeRecorder(SqliteIndexStore index, String folderId, long localDevice,
      RecordSigner signer) {
    this.index = index;
    this.folderId = folderId;
    this.localDevice = localDevice;
    this.signer = signer;
  }

  @Override
  public void changed(ScannedFile f) {
    index.inTransaction(() -> {
      Optional<FileRecord> previous = index.get(folderId, SqliteIndexStore.LOCAL, f.path());
      FileRecord candidate = new FileRecord(f.path(), f.type(), f.size(), f.mtimeNanos(),
          f.permissions(), false, previous.map(FileRecord::version)
              .orElse(swarmsync.record.VersionVector.EMPTY), 0, localDevice, f.chunks(),
          f.symlinkTarget(), null);
      if (previous.isPresent() && previous.get().sameContent(candidate)) {
        // Only the inode identity or nothing changed: keep the version, refresh the key.
        index.putLocal(folderId, previous.get(), f.fileKey());
        return;
      }
      FileRecord next = new FileRecord(f.path(), f.type(), f.size(), f.mtimeNanos(),
          f.permissions(), false, candidate.version().bump(localDevice),
          index.nextLocalSequence(folderId), localDevice, f.chunks(), f.symlinkTarget(), null);
      index.putLocal(folderId, signer.sign(next), f.fileKey());
    });
  }

  @Override
  public void deleted(String path) {
    index.inTransaction(() -> {
      Optional<FileRecord> previous = index.get(folderId, SqliteIndexStore.LOCAL, path);
      if (previous.isEmpty() || previous.get().deleted()) {
        return;
      }
      FileRecord p = previous.get();
      FileRecord gone = new FileRecord(path, p.type(), 0, p.mtimeNanos(), 0, true,
          p.version().bump(localDevice), index.nextLocalSequence(folderId), localDevice,
          List.of(), "", null);
      index.putLocal(folderId, signer.sign(gone), "");
    });
  }

}
