package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.index.DeviceRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

class GlobalVersionTest {
  private static FileRecord rec(VersionVector v, long mtime, long by, boolean deleted) {
    return new FileRecord("f", FileType.FILE, 0, mtime, 0644, deleted, v, 1, by, List.of(), "",
        null);
  }

  @Test
  void theNewestVersionWins() {
    VersionVector v1 = VersionVector.EMPTY.bump(1);
    VersionVector v2 = v1.bump(2);
    DeviceRecord old = new DeviceRecord(0, rec(v1, 500, 1, false));
    DeviceRecord newer = new DeviceRecord(3, rec(v2, 100, 2, false));
    assertThat(GlobalVersion.winner(List.of(old, newer))).contains(newer);
    assertThat(GlobalVersion.winner(List.of(newer, old))).contains(newer);
  }

  @Test
  void amongConcurrentVersionsEveryDevicePicksTheSameWinner() {
    VersionVector base = VersionVector.EMPTY.bump(1);
    DeviceRecord a = new DeviceRecord(0, rec(base.bump(1), 200, 1, false));
    DeviceRecord b = new DeviceRecord(4, rec(base.bump(2), 300, 2, false));
    assertThat(GlobalVersion.winner(List.of(a, b))).contains(b);
    assertThat(GlobalVersion.winner(List.of(b, a))).contains(b);
  }

  @Test
  void anEditBeatsAConcurrentDeletion() {
    VersionVector base = VersionVector.EMPTY.bump(1);
    DeviceRecord edit = new DeviceRecord(0, rec(base.bump(1), 100, 1, false));
    DeviceRecord delete = new DeviceRecord(2, rec(base.bump(2), 900, 2, true));
    assertThat(GlobalVersion.winner(List.of(delete, edit))).contains(edit);
  }
}
