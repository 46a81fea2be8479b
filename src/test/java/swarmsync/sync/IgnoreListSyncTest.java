package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.index.DeviceRecord;
import swarmsync.keys.FolderKey;
import swarmsync.record.FileRecord;

/** The ignore list in the engine of two in-process devices. */
class IgnoreListSyncTest {
  @TempDir Path dir;
  private InProcessPeers peers;
  private InProcessPeers.Device a;
  private InProcessPeers.Device b;

  @BeforeEach
  void start() throws Exception {
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    a = peers.add(1, Files.createDirectories(dir.resolve("a")), dir.resolve("a.db"));
    b = peers.add(2, Files.createDirectories(dir.resolve("b")), dir.resolve("b.db"));
  }

  @AfterEach
  void stop() throws Exception {
    peers.close();
  }

  private static void write(Path root, String path, String content) throws IOException {
    Files.createDirectories(root.resolve(path).getParent());
    Files.writeString(root.resolve(path), content);
  }

  private static List<String> announced(InProcessPeers.Device d) {
    return d.sync.localRecordsSince(0, 10_000).stream().filter(r -> !r.deleted())
        .map(FileRecord::path).toList();
  }

  /** Exchanges records until both devices need nothing and {@code done} holds. */
  private void exchangeUntil(ThrowingCheck done) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .ignoreException(java.nio.file.NoSuchFileException.class)
        .untilAsserted(() -> {
          a.announce();
          b.announce();
          assertThat(a.sync.needFiles()).isZero();
          assertThat(b.sync.needFiles()).isZero();
          done.check();
        });
  }

  @FunctionalInterface
  private interface ThrowingCheck {
    void check() throws Exception;
  }

  @Test
  void ignoredFilesAreNeitherAnnouncedNorOverwrittenNorDeleted() throws Exception {
    write(a.root, ".sync/IgnoreList", "# local stuff\n*.log\nsecret/\n");
    write(a.root, "keep.txt", "shared");
    write(a.root, "app.log", "a's log");
    write(a.root, "secret/key", "a's secret");
    write(b.root, "app.log", "b's log");
    write(b.root, "secret/key", "b's secret");
    write(b.root, "other.log", "b's other log");
    a.sync.start();
    b.sync.start();

    exchangeUntil(() -> assertThat(b.root.resolve("keep.txt")).hasContent("shared"));

    assertThat(announced(a)).containsExactly("keep.txt");
    assertThat(a.root.resolve("app.log")).hasContent("a's log");
    assertThat(a.root.resolve("secret/key")).hasContent("a's secret");
    assertThat(a.root.resolve("other.log")).doesNotExist();
    assertThat(b.root.resolve("app.log")).hasContent("b's log");

    Files.delete(b.root.resolve("app.log"));
    Files.delete(b.root.resolve("secret/key"));
    b.sync.rescan();
    await().until(() -> b.sync.localRecordsSince(0, 100).stream()
        .anyMatch(r -> r.path().equals("app.log") && r.deleted()));
    exchangeUntil(() -> assertThat(a.index.recordsForPath(a.sync.folderId(), "app.log"))
        .anyMatch(r -> r.device() != 0 && r.record().deleted()));

    assertThat(a.root.resolve("app.log")).hasContent("a's log");
    assertThat(a.root.resolve("secret/key")).hasContent("a's secret");
  }

  @Test
  void remoteRecordsOfIgnoredPathsAreKeptAndAppliedOnceTheyAreNoLongerIgnored()
      throws Exception {
    write(a.root, ".sync/IgnoreList", "docs/\n");
    write(b.root, "docs/readme.txt", "read me");
    write(b.root, "top.txt", "top");
    a.sync.start();
    b.sync.start();
    exchangeUntil(() -> assertThat(a.root.resolve("top.txt")).hasContent("top"));
    assertThat(a.root.resolve("docs")).doesNotExist();
    List<DeviceRecord> stored = a.index.recordsForPath(a.sync.folderId(), "docs/readme.txt");
    assertThat(stored).isNotEmpty();

    Files.delete(a.root.resolve(".sync/IgnoreList"));
    a.sync.rescan();

    exchangeUntil(() -> assertThat(a.root.resolve("docs/readme.txt")).hasContent("read me"));
  }

  @Test
  void changingTheIgnoreListTakesEffectOnTheNextScanWithoutDeletingAnything()
      throws Exception {
    write(a.root, "early.log", "synced before it was ignored");
    a.sync.start();
    b.sync.start();
    exchangeUntil(() -> assertThat(b.root.resolve("early.log")).exists());

    write(a.root, ".sync/IgnoreList", "*.log\n");
    write(a.root, "late.log", "never synced");
    write(a.root, "late.txt", "synced");
    a.sync.rescan();
    exchangeUntil(() -> assertThat(b.root.resolve("late.txt")).hasContent("synced"));
    Files.delete(a.root.resolve("early.log"));
    a.sync.rescan();
    write(a.root, "later.txt", "a marker after the deletion scan");
    a.sync.rescan();
    exchangeUntil(() -> assertThat(b.root.resolve("later.txt")).exists());

    assertThat(b.root.resolve("late.log")).doesNotExist();
    assertThat(b.root.resolve("early.log")).hasContent("synced before it was ignored");
    assertThat(a.sync.localRecordsSince(0, 100)).filteredOn(r -> r.path().equals("early.log"))
        .allMatch(r -> !r.deleted());
  }

  @Test
  void invalidIgnoreListKeepsThePreviousPatternsAndNamesTheLineInTheFolderError()
      throws Exception {
    write(a.root, ".sync/IgnoreList", "*.log\n");
    a.sync.start();
    await().until(a.sync::initialScanDone);

    write(a.root, ".sync/IgnoreList", "*.log\n[oops\n");
    write(a.root, "x.log", "still ignored");
    a.sync.rescan();
    await().untilAsserted(() -> {
      assertThat(a.sync.error()).contains(".sync/IgnoreList").contains("line 2")
          .contains("unclosed '['");
      assertThat(a.sync.state()).isEqualTo(FolderState.ERROR);
    });
    assertThat(announced(a)).doesNotContain("x.log");

    write(a.root, ".sync/IgnoreList", "*.log\n");
    a.sync.rescan();
    await().untilAsserted(() -> assertThat(a.sync.error()).isEmpty());
    assertThat(announced(a)).doesNotContain("x.log");
  }
}
