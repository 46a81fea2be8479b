package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FaultyFolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.keys.FolderKey;

/**
 * A receiving device whose folder is on a real 8 MiB tmpfs that runs out of space during a
 * pull. Needs root (to mount); skipped otherwise.
 */
class SmallDiskPullIT {
  private static final String SIZE = "8m";
  private static final Duration RETRY_WAIT = FolderSync.PULL_RETRY.multipliedBy(4);

  @TempDir Path dir;
  private Path mount;
  private boolean mounted;
  private InProcessPeers peers;
  private InProcessPeers.Device a;
  private InProcessPeers.Device b;
  private FaultyFolderFs bDisk;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting tmpfs needs root");
    mount = Files.createDirectories(dir.resolve("small"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", mount.toString());
    assumeTrue(mounted, "mount -t tmpfs failed");
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    a = peers.add(1, Files.createDirectories(dir.resolve("a")), dir.resolve("a.db"));
    Path bRoot = Files.createDirectories(mount.resolve("folder"));
    bDisk = new FaultyFolderFs(new NioFolderFs(bRoot));
    b = peers.add(2, bRoot, dir.resolve("b.db"), bDisk, 0);
  }

  @AfterEach
  void unmount() throws Exception {
    if (peers != null) {
      peers.close();
    }
    if (mounted) {
      run("umount", mount.toString());
    }
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static byte[] random(int size, int seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private void exchangeUntil(Duration atMost, Runnable done) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      a.announce();
      b.announce();
      done.run();
    });
  }

  @Test
  void diskFillingUpMidFileFailsThatFileGivesTheSpaceBackAndItArrivesOnceThereIsRoom()
      throws Exception {
    byte[] big = random(5_000_000, 1);
    Files.write(a.root.resolve("big.bin"), big);
    Files.write(mount.resolve("filler"), new byte[4 * 1024 * 1024]);
    bDisk.reportUsableSpace(Long.MAX_VALUE / 2);
    a.sync.start();
    b.sync.start();

    exchangeUntil(Duration.ofSeconds(30), () -> {
      assertThat(b.sync.fileErrors()).hasEntrySatisfying("big.bin",
          error -> assertThat(error).containsIgnoringCase("no space left"));
      assertThat(b.root.resolve(TempNames.tempFor("big.bin"))).doesNotExist();
    });
    assertThat(b.root.resolve("big.bin")).doesNotExist();

    Files.delete(mount.resolve("filler"));
    bDisk.reportUsableSpace(-1);

    exchangeUntil(RETRY_WAIT, () -> {
      assertThat(b.root.resolve("big.bin")).hasBinaryContent(big);
      assertThat(b.sync.fileErrors()).isEmpty();
    });
  }

  @Test
  void ofFilesThatDoNotAllFitThoseThatDoArriveAndTheRestWaitWithAClearError()
      throws Exception {
    for (int i = 1; i <= 3; i++) {
      Files.write(a.root.resolve("f" + i + ".bin"), random(3_000_000, i));
    }
    a.sync.start();
    b.sync.start();

    exchangeUntil(Duration.ofSeconds(30), () -> {
      assertThat(b.sync.fileErrors()).hasSize(1).allSatisfy((path, error) ->
          assertThat(error).startsWith("not enough free space for " + path));
      assertThat(b.sync.needFiles()).isEqualTo(1);
    });
    try (var files = Files.list(b.root)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")))
          .hasSize(2);
    }
  }
}
