package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Big files, many files, a crash mid-transfer, and swarming from three seeders. */
class LargeSyncIT {
  private static final long MIB = 1024 * 1024;
  private static final Duration BIG_TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path dir;
  private DaemonGroup group;

  @BeforeEach
  void group() {
    group = new DaemonGroup(dir);
  }

  @AfterEach
  void stop() throws Exception {
    group.close();
  }

  private Daemon daemon(String name, String key, Path folder) throws Exception {
    return group.add(name, key, folder);
  }

  private static void awaitIdentical(Path one, Path two, Daemon... nodes) {
    DaemonGroup.awaitIdentical(BIG_TIMEOUT, one, two, nodes);
  }

  @Test
  void aOneGibFileSyncs() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Trees.randomFile(fa.resolve("big.bin"), 1024 * MIB, 42);
    Daemon a = daemon("a", key, fa).start();
    Daemon b = daemon("b", key, fb).start(a);
    awaitIdentical(fa, fb, a, b);
  }

  @Test
  void tenThousandSmallFilesSync() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Trees.smallFiles(fa, 10_000, 7);
    Daemon a = daemon("a", key, fa).start();
    Daemon b = daemon("b", key, fb).start(a);
    awaitIdentical(fa, fb, a, b);
    assertThat(b.folderStatus().get("local_files").asLong()).isEqualTo(10_000);
  }

  @Test
  void aReceiverKilledMidTransferResumesAndNeverShowsAPartialFile() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Trees.randomFile(fa.resolve("video.bin"), 512 * MIB, 5);
    String expected = Trees.sha256(fa.resolve("video.bin"));
    Daemon a = daemon("a", key, fa).start();
    Daemon b = daemon("b", key, fb).start(a);

    Path real = fb.resolve("video.bin");
    Path temp = fb.resolve(".~swarmsync.video.bin.tmp");
    await().atMost(BIG_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
      assertThat(Files.exists(real)).as("real name appears only when complete").isFalse();
      return Files.exists(temp) && Files.size(temp) > 128 * MIB;
    });
    b.kill();
    assertThat(Files.exists(real)).isFalse();
    long kept = Files.size(temp);

    b.start(a);
    await().atMost(BIG_TIMEOUT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      if (Files.exists(real)) {
        assertThat(Trees.sha256(real)).isEqualTo(expected);
      }
      assertThat(b.folderStatus().get("in_sync").asBoolean()).isTrue();
      assertThat(Files.exists(real)).isTrue();
    });
    assertThat(Trees.sha256(real)).isEqualTo(expected);
    assertThat(Files.exists(temp)).isFalse();
    assertThat(b.folderStatus().get("peers").get(0).get("index_complete").asBoolean())
        .as("in sync implies A's whole index arrived").isTrue();
    long fetchedAfterRestart = b.folderStatus().get("peers").get(0).get("bytes_in").asLong();
    assertThat(fetchedAfterRestart).as("verified chunks of the temp file were kept")
        .isLessThanOrEqualTo(512 * MIB - kept + 8 * MIB);
  }

  @Test
  void aNewNodePullsFromThreeSeedersAtOnce() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Path fd = Files.createDirectories(dir.resolve("d"));
    Trees.randomFile(fa.resolve("asset.bin"), 256 * MIB, 9);
    Daemon a = daemon("a", key, fa).start();
    Daemon b = daemon("b", key, fb).start(a);
    Daemon c = daemon("c", key, fc).start(a, b);
    awaitIdentical(fa, fb, a, b);
    awaitIdentical(fa, fc, a, c);

    Daemon d = daemon("d", key, fd).start(a, b, c);
    await().atMost(BIG_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> d.folderStatus().get("peers").size() == 3);
    awaitIdentical(fa, fd, d);

    JsonNode peers = d.folderStatus().get("peers");
    long total = 0;
    for (JsonNode p : peers) {
      long in = p.get("bytes_in").asLong();
      assertThat(in).as("bytes from " + p.get("device_id").asText()).isGreaterThan(16 * MIB);
      total += in;
    }
    assertThat(total).isBetween(256 * MIB, 256 * MIB + 16 * MIB);
    try (Stream<Path> files = Files.list(fd)) {
      assertThat(files.count()).isEqualTo(1);
    }
  }
}
