package swarmsync.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.DeviceId;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

class SqliteIndexStoreTest {
  private static final String FOLDER = "00112233445566778899aabbccddeeff00112233";

  @TempDir Path dir;

  private static ChunkHash hash(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return ChunkHash.of(b);
  }

  private static FileRecord file(String path, long seq, int chunks) {
    List<ChunkRef> list = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < chunks; i++) {
      list.add(new ChunkRef(offset, 1000 + i, hash(i + (int) seq)));
      offset += 1000 + i;
    }
    return new FileRecord(path, FileType.FILE, offset, 1_700_000_000_123_456_789L, 0755, false,
        VersionVector.EMPTY.bump(42L).bump(7L), seq, 7L, list, "", new byte[] {1, 2, 3});
  }

  private SqliteIndexStore openWithFolder() throws Exception {
    SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"));
    index.addFolder(new FolderRow(FOLDER, "/data/f", "Asecret", "rw", 99L, 0, false));
    return index;
  }

  @Test
  void fileRecordsRoundTripExactly() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      FileRecord original = file("a/b.txt", 3, 5);
      index.putLocal(FOLDER, original, "dev=1,ino=2");

      FileRecord back = index.get(FOLDER, SqliteIndexStore.LOCAL, "a/b.txt").orElseThrow();

      assertThat(back).usingRecursiveComparison().isEqualTo(original);
      assertThat(back.signature()).containsExactly(1, 2, 3);
      assertThat(index.localFileKey(FOLDER, "a/b.txt")).isEqualTo("dev=1,ino=2");
    }
  }

  @Test
  void recordsSurviveReopening() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      index.putLocal(FOLDER, file("x", 1, 2), "");
    }
    try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
      assertThat(index.get(FOLDER, 0, "x")).isPresent();
      assertThat(index.folders()).extracting(FolderRow::path).containsExactly("/data/f");
    }
  }

  @Test
  void indexFileIsReadableByTheOwnerOnly() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThat(Files.getPosixFilePermissions(dir.resolve("index.db")))
          .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
  }

  @Test
  void countsAndLivePathsIgnoreDeletedRecords() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      index.putLocal(FOLDER, file("a", 1, 1), "");
      index.putLocal(FOLDER, file("b", 2, 2), "");
      FileRecord gone = new FileRecord("c", FileType.FILE, 0, 0, 0, true, VersionVector.EMPTY,
          3, 7L, List.of(), "", null);
      index.putLocal(FOLDER, gone, "");

      FileCounts counts = index.counts(FOLDER, 0);
      List<String> live = new ArrayList<>();
      index.forEachLivePath(FOLDER, 0, live::add);

      assertThat(counts.files()).isEqualTo(2);
      assertThat(counts.deleted()).isEqualTo(1);
      assertThat(counts.bytes()).isEqualTo(1000 + 1000 + 1001);
      assertThat(live).containsExactly("a", "b");
    }
  }

  @Test
  void livePathsUnderATopAreItAndWhatStartsWithItsSlashOnly() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      long seq = 1;
      for (String path : List.of("a", "a/b", "a/b/c", "a.txt", "a0", "ab", "a-z", "b/a",
          "a/\u00e9t\u00e9", "a/\ud83d\ude00")) {
        index.putLocal(FOLDER, file(path, seq, 1), "");
        seq++;
      }
      index.putLocal(FOLDER, new FileRecord("a/gone", FileType.FILE, 0, 0, 0, true,
          VersionVector.EMPTY, seq, 7L, List.of(), "", null), "");

      List<String> underA = new ArrayList<>();
      index.forEachLivePathUnder(FOLDER, 0, "a", underA::add);
      List<String> underAb = new ArrayList<>();
      index.forEachLivePathUnder(FOLDER, 0, "a/b", underAb::add);
      List<String> underNothing = new ArrayList<>();
      index.forEachLivePathUnder(FOLDER, 0, "zz", underNothing::add);

      assertThat(underA).containsExactlyInAnyOrder("a", "a/b", "a/b/c", "a/\u00e9t\u00e9",
          "a/\ud83d\ude00");
      assertThat(underAb).containsExactlyInAnyOrder("a/b", "a/b/c");
      assertThat(underNothing).isEmpty();
    }
  }

  @Test
  void recordsComeInSequenceOrderAfterAGivenSequence() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      index.putLocal(FOLDER, file("late", 9, 1), "");
      index.putLocal(FOLDER, file("early", 4, 1), "");
      index.putLocal(FOLDER, file("old", 2, 1), "");
      List<String> seen = new ArrayList<>();

      index.recordsSince(FOLDER, 0, 3, 100).forEach(r -> seen.add(r.path()));

      assertThat(seen).containsExactly("early", "late");
    }
  }

  @Test
  void localSequenceIsThatOfThisDevicesRecordOrMinusOne() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThat(index.localSequence(FOLDER, "a")).isEqualTo(-1);
      index.putRemote(FOLDER, 3, file("a", 5, 1));
      assertThat(index.localSequence(FOLDER, "a")).isEqualTo(-1);
      index.putLocal(FOLDER, file("a", 7, 1), "");
      assertThat(index.localSequence(FOLDER, "a")).isEqualTo(7);
      assertThat(index.get(FOLDER, SqliteIndexStore.LOCAL, "a").orElseThrow().sequence())
          .isEqualTo(7);
      index.putLocal(FOLDER, file("a", 8, 2), "");
      assertThat(index.localSequence(FOLDER, "a")).isEqualTo(8);
      index.removeLocal(FOLDER, "a");
      assertThat(index.localSequence(FOLDER, "a")).isEqualTo(-1);
    }
  }

  @Test
  void chunkIndexFindsChunksAndForgetsReplacedOnes() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      FileRecord first = file("f", 1, 3);
      index.putLocal(FOLDER, first, "");
      ChunkRef middle = first.chunks().get(1);

      assertThat(index.findChunk(middle.hash()))
          .containsExactly(new ChunkLocation(FOLDER, "f", middle.offset(), middle.length()));

      index.putLocal(FOLDER, file("f", 50, 1), "");
      assertThat(index.findChunk(middle.hash())).isEmpty();
    }
  }

  @Test
  void sequencesIncreaseAndDevicesGetStableNumbers() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThat(index.nextLocalSequence(FOLDER)).isEqualTo(1);
      assertThat(index.nextLocalSequence(FOLDER)).isEqualTo(2);
      DeviceId a = DeviceId.of(new byte[32]);
      byte[] other = new byte[32];
      other[0] = 1;
      DeviceId b = DeviceId.of(other);
      int na = index.deviceNumber(a);
      int nb = index.deviceNumber(b);
      assertThat(na).isPositive().isNotEqualTo(nb);
      assertThat(index.deviceNumber(a)).isEqualTo(na);
    }
  }

  @Test
  void removingAFolderForgetsItsRecords() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      index.putLocal(FOLDER, file("a", 1, 1), "");
      index.removeFolder(FOLDER);
      assertThat(index.folders()).isEmpty();
      assertThat(index.get(FOLDER, 0, "a")).isEmpty();
    }
  }

  @Test
  void aFailedTransactionStoresNothing() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThatThrownBy(() -> index.inTransaction(() -> {
        index.putRemote(FOLDER, 3, file("a", 1, 1));
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(index.get(FOLDER, 3, "a")).isEmpty();
    }
  }

  @Test
  void aFailureInsideNestedWritesRollsBackTheWholeBatch() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThatThrownBy(() -> index.inTransaction(() -> {
        index.putLocal(FOLDER, file("a", 1, 2), "");
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(index.get(FOLDER, 0, "a")).isEmpty();
      assertThat(index.counts(FOLDER, 0).files()).isZero();
    }
  }

  @Test
  void unsignedLocalRecordsAreListedInPathOrderAndARemovedOneIsForgottenWithItsChunks()
      throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      index.putLocal(FOLDER, file("signed", 1, 1), "");
      index.putLocal(FOLDER, file("z-unsigned", 2, 1).withSignature(new byte[0]), "");
      index.putLocal(FOLDER, file("a-unsigned", 3, 1).withSignature(new byte[0]), "");
      index.putRemote(FOLDER, 1, file("remote-unsigned", 4, 1).withSignature(new byte[0]));

      assertThat(index.unsignedLocalAfter(FOLDER, "", 10)).extracting(FileRecord::path)
          .containsExactly("a-unsigned", "z-unsigned");
      assertThat(index.unsignedLocalAfter(FOLDER, "a-unsigned", 10))
          .extracting(FileRecord::path).containsExactly("z-unsigned");

      index.removeLocal(FOLDER, "z-unsigned");
      assertThat(index.get(FOLDER, SqliteIndexStore.LOCAL, "z-unsigned")).isEmpty();
      assertThat(index.findChunk(hash(2))).noneMatch(c -> c.path().equals("z-unsigned"));
      assertThat(index.get(FOLDER, SqliteIndexStore.LOCAL, "signed")).isPresent();
    }
  }

  @Test
  void aFoldersPublicKeyIsRememberedAcrossReopening() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThat(index.publicKey(FOLDER)).isEmpty();
      index.setPublicKey(FOLDER, new byte[] {9, 8, 7});
    }
    try (SqliteIndexStore index = SqliteIndexStore.open(dir.resolve("index.db"))) {
      assertThat(index.publicKey(FOLDER)).containsExactly(9, 8, 7);
    }
  }

  @Test
  void aNewIndexIsMigratedToTheNewestSchema() throws Exception {
    try (SqliteIndexStore index = openWithFolder()) {
      assertThat(index.schemaVersion()).isEqualTo(Migrations.FILES.size());
    }
  }

  @Test
  void anIndexFromANewerVersionIsRefusedNotDamaged() throws Exception {
    Path file = dir.resolve("index.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        var st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    assertThatThrownBy(() -> SqliteIndexStore.open(file))
        .hasMessageContaining("newer than this program");
  }
}
