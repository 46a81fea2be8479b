package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving a folder takes it off one device and sends no deletion to anyone. */
class LeaveFolderIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final long MIB = 1024 * 1024;

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
    DaemonGroup.awaitIdentical(TIMEOUT, one, two, nodes);
  }

  /** Chunk bytes this daemon received over its current connections. */
  private static long bytesIn(Daemon d) throws Exception {
    return d.folderStatus().get("peers").findValues("bytes_in").stream()
        .mapToLong(n -> n.asLong()).sum();
  }

  @Test
  void leavingWithOrWithoutFilesDeletesNothingElsewhereAndRejoiningReusesWhatIsOnDisk()
      throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.writeString(fa.resolve("notes.txt"), "keep me\n");
    Trees.randomFile(fa.resolve("media/clip.bin"), 24 * MIB, 3);
    Daemon a = daemon("a", key, fa).start();
    Daemon b = daemon("b", key, fb).start(a);
    Daemon c = daemon("c", key, fc).start(a, b);
    awaitIdentical(fa, fb, a, b);
    awaitIdentical(fa, fc, a, c);
    Map<String, String> before = Trees.describe(fa);
    long fetchedBefore = bytesIn(c);

    Launcher.run("folder", "remove", "--home", c.home.toString(), fc.toString()).assertOk();
    assertThat(Trees.describe(fc)).as("files stay on disk without --delete-files")
        .isEqualTo(before);
    Launcher.run("folder", "add", "--home", c.home.toString(), "--key", key, fc.toString())
        .assertOk();
    awaitIdentical(fa, fc, a, c);
    long fetchedAfter = bytesIn(c);
    assertThat(fetchedAfter).as("the same connections carried the rejoin")
        .isGreaterThanOrEqualTo(fetchedBefore);
    assertThat(fetchedAfter - fetchedBefore)
        .as("rejoining copies what is on disk instead of downloading it").isLessThan(MIB);

    Launcher.run("folder", "remove", "--home", b.home.toString(), "--delete-files",
        fb.toString()).assertOk();
    assertThat(fb).doesNotExist();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
        .until(() -> Trees.describe(fa).equals(before) && Trees.describe(fc).equals(before));
    assertThat(a.folderStatus().get("local_files").asLong()).isEqualTo(2);
  }
}
