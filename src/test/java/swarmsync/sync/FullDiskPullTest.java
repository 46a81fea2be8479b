package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FaultyFolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.keys.FolderKey;

/** A receiving device whose disk is short of space or fails writes part way through a file. */
class FullDiskPullTest {
  private static final long MIN_FREE = 1024 * 1024;
  private static final Duration RETRY_WAIT = FolderSync.PULL_RETRY.multipliedBy(4);

  @TempDir Path dir;
  private InProcessPeers peers;
  private InProcessPeers.Device a;
  private InProcessPeers.Device b;
  private FaultyFolderFs bDisk;
  private final byte[] big = new byte[3_000_000];

  @BeforeEach
  void start() throws Exception {
    new Random(7).nextBytes(big);
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    a = peers.add(1, Files.createDirectories(dir.resolve("a")), dir.resolve("a.db"));
    Path bRoot = Files.createDirectories(dir.resolve("b"));
    bDisk = new FaultyFolderFs(new NioFolderFs(bRoot));
    b = peers.add(2, bRoot, dir.resolve("b.db"), bDisk, MIN_FREE);
    Files.write(a.root.resolve("big.bin"), big);
    Files.writeString(a.root.resolve("small.txt"), "small");
  }

  @AfterEach
  void stop() throws Exception {
    peers.close();
  }

  private void exchangeUntil(Duration atMost, Runnable done) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .ignoreException(java.nio.file.NoSuchFileException.class)
        .untilAsserted(() -> {
      a.announce();
      b.announce();
      done.run();
    });
  }

  @Test
  void fileThatDoesNotFitFailsWithAClearErrorAndArrivesOnceThereIsRoom() throws Exception {
    bDisk.reportUsableSpace(2 * MIN_FREE);
    a.sync.start();
    b.sync.start();

    exchangeUntil(Duration.ofSeconds(30), () -> {
      assertThat(b.root.resolve("small.txt")).hasContent("small");
      assertThat(b.sync.fileErrors()).hasEntrySatisfying("big.bin", error -> assertThat(error)
          .startsWith("not enough free space for big.bin: need 3000000 bytes + 1048576 kept "
              + "free, have 20971"));
      // The need count is refreshed when the pass that failed big.bin ends.
      assertThat(b.sync.needFiles()).isEqualTo(1);
    });
    assertThat(b.root.resolve("big.bin")).doesNotExist();

    bDisk.reportUsableSpace(-1);

    exchangeUntil(RETRY_WAIT, () -> {
      assertThat(b.root.resolve("big.bin")).hasBinaryContent(big);
      assertThat(b.sync.fileErrors()).isEmpty();
    });
  }

  @Test
  void writeFailureMidFileFailsOnlyThatFileAndLeavesNothingUnderItsName() throws Exception {
    String temp = TempNames.tempFor("big.bin");
    bDisk.failWritesBeyond(temp, 1_000_000);
    a.sync.start();
    b.sync.start();

    exchangeUntil(Duration.ofSeconds(30), () -> {
      assertThat(b.root.resolve("small.txt")).hasContent("small");
      assertThat(b.sync.fileErrors()).hasEntrySatisfying("big.bin", error -> assertThat(error)
          .startsWith("writing big.bin failed, partial file discarded: ")
          .contains("no space left"));
      assertThat(b.root.resolve(temp)).doesNotExist();
    });
    assertThat(b.root.resolve("big.bin")).doesNotExist();

    bDisk.failWritesBeyond(temp, Long.MAX_VALUE);

    exchangeUntil(RETRY_WAIT, () -> {
      assertThat(b.root.resolve("big.bin")).hasBinaryContent(big);
      assertThat(b.sync.fileErrors()).isEmpty();
      assertThat(b.sync.needFiles()).isZero();
    });
    assertThat(b.root.resolve(temp)).doesNotExist();
  }
}
