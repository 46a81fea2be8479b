package swarmsync.sync;

import java.util.List;
import java.util.Optional;
import swarmsync.index.DeviceRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector.Order;

/**
 * Decides which record of a path every device converges on: the newest by version vector;
 * among concurrent versions a live file beats a deletion, then the later mtime wins, then the
 * larger author id, so every device picks the same winner without talking.
 */
final class GlobalVersion {
  private GlobalVersion() {}

  static Optional<DeviceRecord> winner(List<DeviceRecord> records) {
    DeviceRecord best = null;
    for (DeviceRecord r : records) {
      if (best == null || beats(r.record(), best.record())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /** True when {@code a} should replace {@code b} as the global version. */
  static boolean beats(FileRecord a, FileRecord b) {
    Order order = a.version().compare(b.version());
    if (order == Order.GREATER) {
      return true;
    }
    if (order != Order.CONCURRENT) {
      return false;
    }
    return concurrentWinner(a, b);
  }

  /** Of two concurrent versions, true if {@code a} wins. */
  static boolean concurrentWinner(FileRecord a, FileRecord b) {
    if (a.deleted() != b.deleted()) {
      return !a.deleted();
    }
    if (a.mtimeNanos() != b.mtimeNanos()) {
      return a.mtimeNanos() > b.mtimeNanos();
    }
    return Long.compareUnsigned(a.modifiedBy(), b.modifiedBy()) > 0;
  }
}
