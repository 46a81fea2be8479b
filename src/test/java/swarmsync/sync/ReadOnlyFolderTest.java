package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.archive.ArchivedVersion;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.FolderKey;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;

/**
 * A read-only device in the engine, next to a read-write one (in-process, real folders and real
 * SQLite): its edits, additions and deletions stay local and are counted; a revert archives
 * them and brings the global version back; a newer global version keeps the edit as a conflict
 * copy; and it relays the writer's records, signatures intact, to another read-only device.
 */
class ReadOnlyFolderTest {
  @TempDir Path dir;
  private InProcessPeers peers;
  private InProcessPeers.Device rw;
  private InProcessPeers.Device ro;
  private final byte[] original = random(200_000, 1);

  @BeforeEach
  void start() throws Exception {
    peers = new InProcessPeers(FolderKey.newReadWrite(new SecureRandom()));
    rw = peers.add(1, Files.createDirectories(dir.resolve("rw")), dir.resolve("rw.db"));
    ro = peers.addReadOnly(2, Files.createDirectories(dir.resolve("ro")), dir.resolve("ro.db"));
    Files.write(rw.root.resolve("report.bin"), original);
    Files.writeString(rw.root.resolve("notes.txt"), "global notes\n");
    Files.createDirectories(rw.root.resolve("docs"));
    Files.writeString(rw.root.resolve("docs/plan.txt"), "global plan\n");
    rw.sync.start();
    ro.sync.start();
    exchangeUntil(() -> assertThat(describe(ro.root)).isEqualTo(describe(rw.root)));
  }

  @AfterEach
  void stop() throws Exception {
    peers.close();
  }

  @Test
  void editsAdditionsAndDeletionsOnAReadOnlyDeviceStayLocalAndAreListed() throws Exception {
    Map<String, String> global = describe(rw.root);
    makeLocalChanges();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      rw.announce();
      ro.announce();
      assertThat(ro.sync.localChanges()).containsExactly(
          new LocalChange("added.txt", LocalChange.Kind.ADDED, swarmsync.record.FileType.FILE,
              11),
          new LocalChange("notes.txt", LocalChange.Kind.DELETED,
              swarmsync.record.FileType.FILE, 13),
          new LocalChange("report.bin", LocalChange.Kind.MODIFIED,
              swarmsync.record.FileType.FILE, 5));
      assertThat(ro.sync.locallyChangedFiles()).isEqualTo(3);
    });
    assertThat(describe(rw.root)).isEqualTo(global);
    assertThat(rw.index.recordsSince(rw.sync.folderId(), 2, 0, 100))
        .as("the writer holds only signed records of the read-only device")
        .allSatisfy(r -> assertThat(r.signature()).isNotEmpty());
    assertThat(ro.sync.needFiles()).as("a local change is kept, not fought").isZero();
    assertThat(rw.sync.locallyChangedFiles()).isZero();
  }

  @Test
  void revertArchivesTheLocalEditsAndBringsTheGlobalVersionBack() throws Exception {
    Map<String, String> global = describe(rw.root);
    makeLocalChanges();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> ro.sync.locallyChangedFiles() == 3);

    RevertResult result = ro.sync.revertLocalChanges();

    assertThat(result).isEqualTo(new RevertResult(3, 0));
    exchangeUntil(() -> assertThat(describe(ro.root)).isEqualTo(global));
    assertThat(Files.readAllBytes(ro.root.resolve(archivedOf("report.bin"))))
        .isEqualTo("edit!".getBytes());
    assertThat(Files.readString(ro.root.resolve(archivedOf("added.txt"))))
        .isEqualTo("only here\n\n");
    await().atMost(Duration.ofSeconds(30))
        .until(() -> ro.sync.locallyChangedFiles() == 0);
    assertThat(ro.sync.localChanges()).isEmpty();
  }

  @Test
  void aNewerGlobalVersionReplacesALocalEditOnlyAfterKeepingItAsAConflictCopy()
      throws Exception {
    Files.writeString(ro.root.resolve("docs/plan.txt"), "my private plan\n");
    ro.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> ro.sync.locallyChangedFiles() == 1);

    Files.writeString(rw.root.resolve("docs/plan.txt"), "the team's new plan\n");
    rw.sync.rescan();
    exchangeUntil(() -> assertThat(ro.root.resolve("docs/plan.txt"))
        .hasContent("the team's new plan"));

    try (Stream<Path> files = Files.list(ro.root.resolve("docs"))) {
      List<Path> copies = files.filter(p -> ConflictNamer.isConflictCopy(p.toString())).toList();
      assertThat(copies).hasSize(1);
      assertThat(copies.get(0)).hasContent("my private plan");
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        ro.sync.localChanges()).singleElement().satisfies(c -> {
          assertThat(c.kind()).isEqualTo(LocalChange.Kind.ADDED);
          assertThat(ConflictNamer.isConflictCopy(c.path())).isTrue();
        }));
    try (Stream<Path> files = Files.list(rw.root.resolve("docs"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("plan.txt");
    }
  }

  @Test
  void aNewerGlobalVersionWinsEvenOverALocalEditMadeLaterThanIt() throws Exception {
    Files.writeString(rw.root.resolve("docs/plan.txt"), "the team's new plan\n");
    rw.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> rw.sync.localRecordsSince(0, 100)
        .stream().anyMatch(r -> r.path().equals("docs/plan.txt") && r.size() == 20));
    Files.writeString(ro.root.resolve("docs/plan.txt"), "my later private plan\n");
    Files.setLastModifiedTime(ro.root.resolve("docs/plan.txt"), java.nio.file.attribute
        .FileTime.from(java.time.Instant.now().plusSeconds(3600)));
    ro.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> ro.sync.locallyChangedFiles() == 1);

    exchangeUntil(() -> assertThat(ro.root.resolve("docs/plan.txt"))
        .hasContent("the team's new plan"));

    try (Stream<Path> files = Files.list(ro.root.resolve("docs"))) {
      assertThat(files.filter(p -> ConflictNamer.isConflictCopy(p.toString())))
          .singleElement().satisfies(p -> assertThat(p).hasContent("my later private plan"));
    }
  }

  @Test
  void aReadOnlyDeviceDoesNotServeItsLocalEdits() throws Exception {
    Files.writeString(ro.root.resolve("notes.txt"), "changed here\n");
    ro.sync.rescan();
    await().atMost(Duration.ofSeconds(30)).until(() -> ro.sync.locallyChangedFiles() == 1);

    assertThatThrownBy(() -> ro.sync.readChunk("notes.txt", 0, 5,
        ro.sync.localRecord("notes.txt").orElseThrow().chunks().get(0).hash()))
        .isInstanceOf(IOException.class).hasMessageContaining("changed here");
    ChunkRef plan = ro.sync.localRecord("docs/plan.txt").orElseThrow().chunks().get(0);
    assertThat(ro.sync.readChunk("docs/plan.txt", 0, plan.length(), plan.hash()))
        .isEqualTo("global plan\n".getBytes());
    // Only announced chunks are served: not a part of one, nor a hash the record lacks.
    assertThatThrownBy(() -> ro.sync.readChunk("docs/plan.txt", 0, 6, plan.hash()))
        .isInstanceOf(IOException.class).hasMessageContaining("not a chunk of this device's");
    assertThatThrownBy(() -> ro.sync.readChunk("docs/plan.txt", 0, plan.length(),
        swarmsync.record.ChunkHash.of(new byte[32])))
        .isInstanceOf(IOException.class).hasMessageContaining("not a chunk of this device's");
  }

  @Test
  void aReadOnlyDeviceRelaysTheWritersRecordsWithTheirSignaturesToAnother()
      throws Exception {
    Map<String, String> global = describe(rw.root);
    long writer = rw.index.recordsSince(rw.sync.folderId(), SqliteIndexStore.LOCAL, 0, 1)
        .get(0).modifiedBy();
    peers.remove(rw);
    InProcessPeers.Device ro2 = peers.addReadOnly(3,
        Files.createDirectories(dir.resolve("ro2")), dir.resolve("ro2.db"));
    ro2.sync.start();

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .untilAsserted(() -> {
          ro.announce();
          ro2.announce();
          assertThat(describe(ro2.root)).isEqualTo(global);
        });
    RecordVerifier verifier = new RecordVerifier(peers.key.discoveryId(),
        peers.key.signer().publicKey());
    List<FileRecord> held = ro2.sync.localRecordsSince(0, 100);
    assertThat(held).hasSize(global.size()).allSatisfy(r -> {
      assertThat(verifier.valid(r)).as("%s keeps the writer's signature", r.path()).isTrue();
      assertThat(r.modifiedBy()).isEqualTo(writer);
    });
    assertThat(ro2.sync.locallyChangedFiles()).isZero();
  }

  @Test
  void revertOnAFolderThisDeviceCanWriteIsRefusedClearly() {
    assertThatThrownBy(() -> rw.sync.revertLocalChanges()).isInstanceOf(IOException.class)
        .hasMessageContaining("read-write here");
  }

  private void makeLocalChanges() throws IOException {
    Files.write(ro.root.resolve("report.bin"), "edit!".getBytes());
    Files.writeString(ro.root.resolve("added.txt"), "only here\n\n");
    Files.delete(ro.root.resolve("notes.txt"));
    ro.sync.rescan();
  }

  private String archivedOf(String original) throws IOException {
    List<ArchivedVersion> versions = ro.sync.archivedVersions();
    return versions.stream().filter(v -> v.originalPath().equals(original)).findFirst()
        .orElseThrow(() -> new AssertionError(original + " not archived: " + versions))
        .archivedPath();
  }

  private void exchangeUntil(org.awaitility.core.ThrowingRunnable done) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .ignoreException(java.io.UncheckedIOException.class)
        .ignoreException(java.nio.file.NoSuchFileException.class)
        .untilAsserted(() -> {
          rw.announce();
          ro.announce();
          assertThat(ro.sync.needFiles()).isZero();
          done.run();
        });
  }

  /** Relative path to content (or "dir") of everything under root but .sync. */
  private static Map<String, String> describe(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .filter(p -> !root.relativize(p).toString().startsWith(".sync"))
          .collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> {
            try {
              return Files.isDirectory(p) ? "dir" : new String(Files.readAllBytes(p),
                  java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }, (a, b) -> a, java.util.TreeMap::new));
    }
  }

  private static byte[] random(int size, int seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }
}
