package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FaultyFolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.FolderKey;

/**
 * A local program writes a file on device b while b is pulling a's new version of it: the
 * write lands between b's decision to pull and the rename into place (a's disk read of the
 * chunk b asked for runs the local write, so the interleaving is exact). b must not replace
 * the local write nor mix the two: after a scan, version vectors decide, and both devices end
 * with one version under the real name and the other as a sync-conflict copy, each whole.
 */
class LocalWriteDuringPullTest {
  private static final String REMOTE = "the remote version, written on a\n".repeat(50);
  private static final String LOCAL = "written on b by a local program during the pull\n";

  @TempDir Path dir;
  private InProcessPeers peers;
  private InProcessPeers.Device a;
  private InProcessPeers.Device b;
  private FaultyFolderFs aDisk;

  @BeforeEach
  void start() throws Exception {
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    Path aRoot = Files.createDirectories(dir.resolve("a"));
    aDisk = new FaultyFolderFs(new NioFolderFs(aRoot));
    a = peers.add(1, aRoot, dir.resolve("a.db"), aDisk, 0);
    b = peers.add(2, Files.createDirectories(dir.resolve("b")), dir.resolve("b.db"));
    a.sync.start();
    b.sync.start();
  }

  @AfterEach
  void stop() throws Exception {
    peers.close();
  }

  @Test
  void aFileEditedHereWhileItsRemoteVersionIsPulledEndsAsAConflictCopyNotAMix()
      throws Exception {
    Files.writeString(a.root.resolve("doc.txt"), "the first version, on both\n");
    exchangeUntil(() -> assertThat(b.root.resolve("doc.txt")).exists());

    Files.writeString(a.root.resolve("doc.txt"), REMOTE);
    a.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> scannedSize(a, "doc.txt")
        == REMOTE.length());
    writeOnBWhenAServes("doc.txt");

    exchangeUntil(() -> assertWholeVersionsAndOneConflictCopy("doc"));
  }

  @Test
  void aFileCreatedHereWhileAnotherDevicesFileOfThatNameIsPulledEndsAsAConflictCopy()
      throws Exception {
    Files.writeString(a.root.resolve("new.txt"), REMOTE);
    a.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> scannedSize(a, "new.txt")
        == REMOTE.length());
    writeOnBWhenAServes("new.txt");

    exchangeUntil(() -> assertWholeVersionsAndOneConflictCopy("new"));
  }

  @Test
  void aFileMovedOverHereWithTheSameSizeAndMtimeWhileItIsPulledEndsAsAConflictCopy()
      throws Exception {
    String first = LOCAL.replace("written on b", "the first  v");
    assertThat(first).hasSize(LOCAL.length()).isNotEqualTo(LOCAL);
    Files.writeString(a.root.resolve("doc.txt"), first);
    exchangeUntil(() -> assertThat(b.root.resolve("doc.txt")).hasContent(first));
    await().atMost(Duration.ofSeconds(30)).until(() -> scannedSize(b, "doc.txt")
        == first.length());

    Files.writeString(a.root.resolve("doc.txt"), REMOTE);
    a.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> scannedSize(a, "doc.txt")
        == REMOTE.length());
    // A program saves on b by moving a new file over the old one; same size, and written in
    // the same clock tick as the old one, so the mtime is the same too: only the inode differs.
    AtomicBoolean fired = new AtomicBoolean();
    aDisk.afterEachRead("doc.txt", () -> {
      if (fired.compareAndSet(false, true)) {
        try {
          Path target = b.root.resolve("doc.txt");
          Path staged = dir.resolve("staged.txt");
          Files.writeString(staged, LOCAL);
          Files.setLastModifiedTime(staged, Files.getLastModifiedTime(target));
          Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });

    exchangeUntil(() -> assertWholeVersionsAndOneConflictCopy("doc"));
  }

  /** Arms a's disk: the first read of {@code path} (serving b's request) writes b's file. */
  private void writeOnBWhenAServes(String path) {
    AtomicBoolean fired = new AtomicBoolean();
    aDisk.afterEachRead(path, () -> {
      if (fired.compareAndSet(false, true)) {
        try {
          Files.writeString(b.root.resolve(path), LOCAL);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
  }

  private long scannedSize(InProcessPeers.Device d, String path) {
    return d.index.get(peers.key.folderId(), SqliteIndexStore.LOCAL, path)
        .map(r -> r.size()).orElse(-1L);
  }

  private void assertWholeVersionsAndOneConflictCopy(String stem) throws Exception {
    Map<String, String> onA = tree(a.root);
    Map<String, String> onB = tree(b.root);
    assertThat(onB).isEqualTo(onA);
    Map<String, String> copies = new TreeMap<>(onA);
    copies.keySet().removeIf(p -> !p.startsWith(stem + "."));
    assertThat(copies).hasSize(2);
    assertThat(copies.keySet()).anyMatch(p -> p.matches(stem
        + "\\.sync-conflict-\\d{8}-\\d{6}-[A-Z2-7]+\\.txt"));
    assertThat(copies.values()).as("each whole, one of each, never a mix")
        .containsExactlyInAnyOrder(REMOTE, LOCAL);
  }

  private void exchangeUntil(ThrowingRunnable check) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .ignoreException(UncheckedIOException.class)
        .ignoreException(NoSuchFileException.class)
        .untilAsserted(() -> {
          a.announce();
          b.announce();
          check.run();
        });
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.startsWith(".sync")) {
          continue;
        }
        out.put(rel, Files.isDirectory(p) ? "dir"
            : Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
