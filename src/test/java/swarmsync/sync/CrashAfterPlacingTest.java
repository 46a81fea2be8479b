package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FaultyFolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.FolderKey;

/**
 * A device dies after a pulled file was renamed into place but before the index recorded it,
 * while the sender has written the path again meanwhile. The restart scan finds a file the
 * index does not know, whose content no peer announces any more: it must take the version it
 * was pulled as (no local edit, so no conflict copy), then pull the sender's newer version.
 * Temp files no pull needs any more are removed; one a pull can still resume from is kept.
 */
class CrashAfterPlacingTest {
  private static final String V1 = "the first version, pulled by b\n".repeat(40);
  private static final String V2 = "the second version, written on a while b was down\n";

  @TempDir Path dir;
  private InProcessPeers peers;

  @AfterEach
  void stop() throws Exception {
    peers.close();
  }

  @Test
  void aFilePlacedButNotRecordedBeforeACrashIsAdoptedNotTurnedIntoAConflict() throws Exception {
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    InProcessPeers.Device a = peers.add(1, Files.createDirectories(dir.resolve("a")),
        dir.resolve("a.db"));
    Path bRoot = Files.createDirectories(dir.resolve("b"));
    FaultyFolderFs bDisk = new FaultyFolderFs(new NioFolderFs(bRoot));
    InProcessPeers.Device b = peers.add(2, bRoot, dir.resolve("b.db"), bDisk, 0);
    a.sync.start();
    // No watcher on b: a watcher-triggered scan would record the file before the "crash".
    b.sync.rescan();

    // b renames the pulled file into place, but never gets to record it: the directory fsync
    // before the index write fails for as long as this b lives.
    bDisk.failNext(FaultyFolderFs.Op.SYNC_DIRECTORY, "", Integer.MAX_VALUE);
    Files.writeString(a.root.resolve("doc.txt"), V1);
    a.sync.rescan();
    awaitScanned(a, "doc.txt", V1.length());
    exchangeUntil(a, b, () -> assertThat(bRoot.resolve("doc.txt")).hasContent(V1));
    assertThat(b.index.get(peers.key.folderId(), SqliteIndexStore.LOCAL, "doc.txt")).isEmpty();

    // a writes the path again and b learns of it, still without recording its own file.
    Files.writeString(a.root.resolve("doc.txt"), V2);
    a.sync.rescan();
    awaitScanned(a, "doc.txt", V2.length());
    a.announce();

    // The crash: b stops without ever recording the file; it restarts on the same disk.
    peers.remove(b);
    InProcessPeers.Device b2 = peers.add(2, bRoot, dir.resolve("b.db"));
    b2.sync.start();

    exchangeUntil(a, b2, () -> {
      assertThat(bRoot.resolve("doc.txt")).hasContent(V2);
      assertThat(a.root.resolve("doc.txt")).hasContent(V2);
      assertThat(names(bRoot)).containsExactly("doc.txt");
      assertThat(names(a.root)).containsExactly("doc.txt");
    });
  }

  @Test
  void tempFilesNoPullNeedsAreRemovedAndOneStillNeededIsKept() throws Exception {
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    Path aRoot = Files.createDirectories(dir.resolve("a"));
    FaultyFolderFs aDisk = new FaultyFolderFs(new NioFolderFs(aRoot));
    InProcessPeers.Device a = peers.add(1, aRoot, dir.resolve("a.db"), aDisk, 0);
    Path bRoot = Files.createDirectories(dir.resolve("b/sub"));
    InProcessPeers.Device b = peers.add(2, dir.resolve("b"), dir.resolve("b.db"));
    // Left by pulls cut short before b's restart: of a path no one has any more, and (empty,
    // as a kill right after its creation leaves it) of a path a still has.
    Path stale = bRoot.resolve(TempNames.PREFIX + "gone.bin" + TempNames.SUFFIX);
    Files.writeString(stale, "half of a version deleted since");
    Path resumable = b.root.resolve(TempNames.tempFor("wanted.bin"));
    Files.createFile(resumable);
    Files.writeString(aRoot.resolve("wanted.bin"), V1);
    a.sync.start();
    awaitScanned(a, "wanted.bin", V1.length());
    // a cannot serve the file for now, so b's pull of it fails and its temp file must stay.
    aDisk.failNextReads("wanted.bin", Integer.MAX_VALUE);
    b.sync.start();

    exchangeUntil(a, b, () -> {
      assertThat(stale).doesNotExist();
      assertThat(b.sync.fileErrors()).containsKey("wanted.bin");
    });
    assertThat(resumable).exists();
    assertThat(b.root.resolve("wanted.bin")).doesNotExist();

    aDisk.failNextReads("wanted.bin", 0);
    exchangeUntil(a, b, () -> assertThat(b.root.resolve("wanted.bin")).hasContent(V1));
    assertThat(resumable).doesNotExist();
  }

  private void awaitScanned(InProcessPeers.Device d, String path, long size) {
    await().atMost(Duration.ofSeconds(30)).until(() -> d.index
        .get(peers.key.folderId(), SqliteIndexStore.LOCAL, path).map(r -> r.size())
        .orElse(-1L) == size);
  }

  private static void exchangeUntil(InProcessPeers.Device a, InProcessPeers.Device b,
      ThrowingRunnable check) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .ignoreException(UncheckedIOException.class)
        .ignoreException(NoSuchFileException.class)
        .untilAsserted(() -> {
          a.announce();
          b.announce();
          check.run();
        });
  }

  /** Every name in the folder but {@code .sync}: conflict copies and temp files included. */
  private static List<String> names(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .filter(p -> !p.startsWith(".sync")).sorted().toList();
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
