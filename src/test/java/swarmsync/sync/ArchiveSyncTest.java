package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.archive.ArchivedVersion;
import swarmsync.keys.FolderKey;

/** The archive in the engine of two in-process devices: nothing a peer does is lost. */
class ArchiveSyncTest {
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

  private void exchangeUntil(Runnable done) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .ignoreException(java.nio.file.NoSuchFileException.class)
        .untilAsserted(() -> {
          a.announce();
          b.announce();
          assertThat(a.sync.needFiles()).isZero();
          assertThat(b.sync.needFiles()).isZero();
          done.run();
        });
  }

  private static byte[] random(int size, int seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static String archivedOf(InProcessPeers.Device d, String original) throws Exception {
    List<ArchivedVersion> versions = d.sync.archivedVersions();
    return versions.stream().filter(v -> v.originalPath().equals(original)).findFirst()
        .orElseThrow(() -> new AssertionError(original + " not archived: " + versions))
        .archivedPath();
  }

  @Test
  void replacedAndDeletedFilesAreArchivedAndRestoreByteIdenticalEverywhere() throws Exception {
    byte[] original = random(300_000, 1);
    byte[] replacement = random(280_000, 2);
    Files.createDirectories(a.root.resolve("sub"));
    Files.write(a.root.resolve("sub/data.bin"), original);
    Files.writeString(a.root.resolve("gone.txt"), "deleted by a");
    a.sync.start();
    b.sync.start();
    exchangeUntil(() -> assertThat(b.root.resolve("gone.txt")).exists());

    Files.write(a.root.resolve("sub/data.bin"), replacement);
    Files.delete(a.root.resolve("gone.txt"));
    a.sync.rescan();
    exchangeUntil(() -> {
      assertThat(b.root.resolve("gone.txt")).doesNotExist();
      assertThat(b.root.resolve("sub/data.bin")).hasBinaryContent(replacement);
    });

    assertThat(b.sync.archivedVersions()).extracting(ArchivedVersion::originalPath)
        .containsExactlyInAnyOrder("gone.txt", "sub/data.bin");
    assertThat(b.sync.restore(archivedOf(b, "sub/data.bin"))).isEqualTo("sub/data.bin");
    assertThat(b.root.resolve("sub/data.bin")).hasBinaryContent(original);
    assertThat(Files.readAllBytes(b.root.resolve(archivedOf(b, "sub/data.bin"))))
        .isEqualTo(replacement);
    b.sync.restore(archivedOf(b, "gone.txt"));

    exchangeUntil(() -> {
      assertThat(a.root.resolve("sub/data.bin")).hasBinaryContent(original);
      assertThat(a.root.resolve("gone.txt")).hasContent("deleted by a");
    });
  }

  @Test
  void everyFullScanExpiresArchivedVersionsOlderThanTheMaximumAge() throws Exception {
    Path archive = Files.createDirectories(a.root.resolve(".sync/Archive/sub"));
    Files.writeString(archive.resolve("old~20200101-000000.txt"), "years old");
    Files.writeString(archive.resolve("new~29990101-000000.txt"), "from the future");
    a.sync.start();

    await().untilAsserted(() -> assertThat(a.sync.archivedVersions())
        .extracting(ArchivedVersion::originalPath).containsExactly("sub/new.txt"));
  }
}
