package swarmsync.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import swarmsync.index.DeviceRecord;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector;
import swarmsync.scan.ScanSink;
import swarmsync.scan.ScannedFile;

/**
 * Turns what the scanner found into this device's file records: a new version (the local
 * device's counter bumped, signed where this device may write) and the next local sequence
 * for each real change. Content that equals the version a pull was placing at that path (renamed
 * into place just before a crash, not yet recorded; see {@link PlacedFiles}) or a version
 * another device announces takes that version instead of making a conflict.
 * On a device that cannot write, a local change undone by hand (the global version's content
 * back) takes the global version again, so it no longer counts as a local change.
 * Changes are written in batches, one transaction each.
 */
final class LocalChangeRecorder implements ScanSink {
  /** Changed files per index transaction. */
  static final int BATCH = 256;

  private final SqliteIndexStore index;
  private final String folderId;
  private final long localDevice;
  private final RecordSigner signer;
  private final LeftoverTemps temps;
  private final List<ScannedFile> pending = new ArrayList<>();

  LocalChangeRecorder(SqliteIndexStore index, String folderId, long localDevice,
      RecordSigner signer, LeftoverTemps temps) {
    this.temps = temps;
    this.index = index;
    this.folderId = folderId;
    this.localDevice = localDevice;
    this.signer = signer;
  }

  @Override
  public synchronized void changed(ScannedFile f) {
    pending.add(f);
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Writes every buffered change; called when a scan ends. */
  synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<ScannedFile> batch = new ArrayList<>(pending);
    pending.clear();
    index.inTransaction(() -> batch.forEach(this::record));
  }

  private void record(ScannedFile f) {
    List<DeviceRecord> all = index.recordsForPath(folderId, f.path());
    Optional<FileRecord> previous = all.stream()
        .filter(r -> r.device() == SqliteIndexStore.LOCAL).map(DeviceRecord::record).findFirst();
    FileRecord candidate = new FileRecord(f.path(), f.type(), f.size(), f.mtimeNanos(),
        f.permissions(), false, previous.map(FileRecord::version).orElse(VersionVector.EMPTY), 0,
        localDevice, f.chunks(), f.symlinkTarget(), null);
    if (previous.isPresent() && previous.get().sameContent(candidate)) {
      index.putLocal(folderId, previous.get(), f.fileKey());
      return;
    }
    Optional<FileRecord> placing = index.placing(folderId, f.path());
    if (placing.isPresent() && placing.get().sameContent(candidate)) {
      index.putLocal(folderId, placing.get().withSequence(index.nextLocalSequence(folderId)),
          f.fileKey());
      index.donePlacing(folderId, f.path());
      return;
    }
    boolean previousIsLocalChange = !signer.canWrite() && previous.isPresent()
        && LocalChanges.unsigned(previous.get());
    for (DeviceRecord r : all) {
      if (r.device() != SqliteIndexStore.LOCAL && r.record().sameContent(candidate)
          && (previous.isEmpty() || previousIsLocalChange
              || !GlobalVersion.beats(previous.get(), r.record()))) {
        index.putLocal(folderId, r.record().withSequence(index.nextLocalSequence(folderId)),
            f.fileKey());
        return;
      }
    }
    FileRecord next = new FileRecord(f.path(), f.type(), f.size(), f.mtimeNanos(),
        f.permissions(), false, candidate.version().bump(localDevice),
        index.nextLocalSequence(folderId), localDevice, f.chunks(), f.symlinkTarget(), null);
    index.putLocal(folderId, signer.sign(next), f.fileKey());
  }

  @Override
  public void temporary(String path) {
    temps.found(path);
  }

  @Override
  public synchronized void deleted(String path) {
    flush();
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
