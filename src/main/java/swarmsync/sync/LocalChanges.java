package swarmsync.sync;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import swarmsync.index.DeviceRecord;
import swarmsync.index.SqliteIndexStore;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector.Order;

/**
 * The local changes of a receive-only folder (a node that holds no signing key), read from the
 * index. On such a node every record it authored is unsigned, so never announced, and stands
 * for a local change: the folder's global version of a path is the newest <em>signed</em>
 * record, and an unsigned local record made on top of it (its version vector dominates the
 * global one) is kept as it is until reverted. When a newer global version arrives the
 * puller brings it in and keeps the local change as a conflict copy: nothing is lost.
 */
final class LocalChanges {
  /** Records read from the index per page. */
  private static final int PAGE = 500;

  private final SqliteIndexStore index;
  private final String folderId;

  LocalChanges(SqliteIndexStore index, String folderId) {
    this.index = index;
    this.folderId = folderId;
  }

  /** True for a record no folder key signed: on a receive-only node, a local change. */
  static boolean unsigned(FileRecord r) {
    return r.signature().length == 0;
  }

  /**
   * The global version of a path as a receive-only device sees it: the winner among the signed
   * records; its own unsigned record is a change, not a version.
   */
  static Optional<DeviceRecord> globalOf(List<DeviceRecord> records) {
    return GlobalVersion.winner(records.stream()
        .filter(r -> r.device() != SqliteIndexStore.LOCAL || !unsigned(r.record())).toList());
  }

  /**
   * True when the local record is a local change made on the global version {@code global}
   * (or a later one): it stays, and {@code global} is not needed.
   */
  static boolean keptOver(Optional<FileRecord> local, FileRecord global) {
    if (local.isEmpty() || !unsigned(local.get())) {
      return false;
    }
    Order order = global.version().compare(local.get().version());
    return order == Order.LESSER || order == Order.EQUAL;
  }

  /** Visits every local change in path order, page by page. */
  void forEach(Consumer<LocalChange> action) {
    String after = "";
    while (true) {
      List<FileRecord> page = index.unsignedLocalAfter(folderId, after, PAGE);
      if (page.isEmpty()) {
        return;
      }
      after = page.get(page.size() - 1).path();
      for (FileRecord local : page) {
        classify(local).ifPresent(action);
      }
    }
  }

  /** How many local changes there are. */
  long count() {
    long[] n = {0};
    forEach(c -> n[0]++);
    return n[0];
  }

  /**
   * What an unsigned local record changes against the global version, or empty when it
   * changes nothing (a local deletion of something that exists nowhere else).
   */
  private Optional<LocalChange> classify(FileRecord local) {
    Optional<FileRecord> global = globalOf(index.recordsForPath(folderId, local.path()))
        .map(DeviceRecord::record);
    boolean globalLive = global.isPresent() && !global.get().deleted();
    if (local.deleted()) {
      return globalLive ? Optional.of(new LocalChange(local.path(), LocalChange.Kind.DELETED,
          global.get().type(), global.get().size())) : Optional.empty();
    }
    return Optional.of(new LocalChange(local.path(),
        globalLive ? LocalChange.Kind.MODIFIED : LocalChange.Kind.ADDED, local.type(),
        local.size()));
  }
}
