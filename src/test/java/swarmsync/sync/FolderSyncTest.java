package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.record.FileRecord;

/** The engine of two devices in one process, exchanging records and chunks by calls. */
class FolderSyncTest {
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

  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.startsWith(".sync")) {
          continue;
        }
        out.put(rel, Files.isDirectory(p) ? "dir" : new String(Files.readAllBytes(p),
            java.nio.charset.StandardCharsets.ISO_8859_1).hashCode() + "");
      }
    }
    return out;
  }

  private void syncUntilIdentical() {
    // A walk may meet a temp file the puller is about to rename: that retries, not fails.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .ignoreException(java.nio.file.NoSuchFileException.class)
        .untilAsserted(() -> {
          a.announce();
          b.announce();
          assertThat(tree(b.root)).isEqualTo(tree(a.root));
          assertThat(a.sync.needFiles()).isZero();
          assertThat(b.sync.needFiles()).isZero();
        });
  }

  @Test
  void filesDirectoriesAndDeletionsReachTheOtherDevice() throws Exception {
    Files.createDirectories(a.root.resolve("sub/deeper"));
    Files.writeString(a.root.resolve("sub/one.txt"), "one");
    Files.write(a.root.resolve("empty"), new byte[0]);
    byte[] big = new byte[5_000_000];
    new Random(3).nextBytes(big);
    Files.write(a.root.resolve("sub/big.bin"), big);
    a.sync.start();
    b.sync.start();
    syncUntilIdentical();

    Files.delete(a.root.resolve("sub/one.txt"));
    a.sync.rescan();
    syncUntilIdentical();
    assertThat(b.root.resolve("sub/one.txt")).doesNotExist();
    try (Stream<Path> archived = Files.walk(b.root.resolve(".sync/Archive"))) {
      assertThat(archived.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("one~") && n.endsWith(".txt"));
    }
  }

  @Test
  void recordsWithABadSignatureAreRefused() throws Exception {
    Files.writeString(a.root.resolve("f.txt"), "x");
    a.sync.start();
    await().until(a.sync::initialScanDone);
    List<FileRecord> records = a.sync.localRecordsSince(0, 100);
    FileRecord forged = records.get(0).withSignature(new byte[64]);

    assertThat(b.sync.acceptRemote(1, "forger", List.of(forged))).isZero();
    assertThat(b.sync.acceptRemote(1, "honest", records)).isEqualTo(1);
  }

  @Test
  void aLargeBatchCheckedOnSeveralThreadsRefusesExactlyTheForgedRecords() throws Exception {
    int files = FolderSync.PARALLEL_VERIFY_MIN * 3;
    for (int i = 0; i < files; i++) {
      Files.writeString(a.root.resolve("f" + i + ".txt"), "content " + i);
    }
    a.sync.start();
    await().until(a.sync::initialScanDone);
    List<FileRecord> records = new java.util.ArrayList<>(a.sync.localRecordsSince(0, files * 2));
    assertThat(records).hasSize(files);
    java.util.Set<String> forged = new java.util.TreeSet<>();
    for (int i = 0; i < records.size(); i += 97) {
      byte[] bad = records.get(i).signature().clone();
      bad[5] ^= 1;
      records.set(i, records.get(i).withSignature(bad));
      forged.add(records.get(i).path());
    }

    assertThat(b.sync.acceptRemote(1, "mixed", records)).isEqualTo(files - forged.size());
    for (FileRecord r : records) {
      assertThat(b.index.get(peers.key.folderId(), 1, r.path()).isPresent())
          .as(r.path()).isEqualTo(!forged.contains(r.path()));
    }
  }

  @Test
  void theSameFilePutOnBothDevicesMakesNoConflictCopyAndNoTransfer() throws Exception {
    byte[] data = new byte[3_000_000];
    new Random(7).nextBytes(data);
    Files.write(a.root.resolve("same.bin"), data);
    Files.write(b.root.resolve("same.bin"), data);
    Files.setLastModifiedTime(b.root.resolve("same.bin"),
        java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L));
    a.sync.start();
    b.sync.start();
    await().until(() -> a.sync.initialScanDone() && b.sync.initialScanDone());

    syncUntilIdentical();

    assertThat(tree(a.root)).containsOnlyKeys("same.bin");
    assertThat(a.root.resolve("same.bin")).hasBinaryContent(data);
    assertThat(Files.getLastModifiedTime(a.root.resolve("same.bin")))
        .isEqualTo(Files.getLastModifiedTime(b.root.resolve("same.bin")));
    assertThat(a.chunksServed.get() + b.chunksServed.get()).isZero();
    FileRecord atA = a.sync.localRecordsSince(0, 100).stream()
        .filter(r -> r.path().equals("same.bin")).reduce((x, y) -> y).orElseThrow();
    FileRecord atB = b.sync.localRecordsSince(0, 100).stream()
        .filter(r -> r.path().equals("same.bin")).reduce((x, y) -> y).orElseThrow();
    assertThat(atA.version()).isEqualTo(atB.version());
  }

  @Test
  void renamedContentIsCopiedLocallyNotFetched() throws Exception {
    byte[] content = new byte[3_000_000];
    new Random(5).nextBytes(content);
    Files.write(a.root.resolve("before.bin"), content);
    a.sync.start();
    b.sync.start();
    syncUntilIdentical();

    Files.move(a.root.resolve("before.bin"), a.root.resolve("after.bin"));
    a.sync.rescan();
    syncUntilIdentical();
    assertThat(Files.readAllBytes(b.root.resolve("after.bin"))).isEqualTo(content);
  }
}
