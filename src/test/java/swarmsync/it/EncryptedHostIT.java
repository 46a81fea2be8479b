package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.protocol.Message;
import swarmsync.record.ChunkHash;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;

/**
 * An encrypted host (E key) keeps a folder available without reading it: members sync through
 * it, it holds no name and no byte of plaintext, and what it alters or replays is refused.
 */
class EncryptedHostIT {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private final List<Daemon> daemons = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Daemon d : daemons) {
      d.close();
    }
  }

  private Daemon daemon(String name, String key, Path folder) throws Exception {
    Daemon d = new Daemon(dir, name);
    d.addFolder(key, folder);
    daemons.add(d);
    return d;
  }

  private static String[] keys() throws Exception {
    String a = Launcher.run("key", "new").assertOk().out().trim();
    return new String[] {a, Launcher.run("key", "ro", a).assertOk().out().trim(),
        Launcher.run("key", "encrypted", a).assertOk().out().trim()};
  }

  /** Waits until the host stores {@code records} records and needs nothing. */
  private static void awaitStored(Daemon host, long records) {
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> {
          JsonNode f = host.folderStatus();
          assertThat(f.get("key_kind").asText()).isEqualTo("encrypted");
          assertThat(f.get("local_files").asLong()).isEqualTo(records);
          assertThat(f.get("need_files").asLong()).isZero();
          assertThat(f.get("in_sync").asBoolean()).isTrue();
        });
  }

  @Test
  void aReadOnlyNodeGetsTheFolderFromHostsAloneWhichHoldNoNameAndNoPlaintext()
      throws Exception {
    String[] k = keys();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fe = Files.createDirectories(dir.resolve("e"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.createDirectories(fa.resolve("confidential-budgets/archive-oldyears"));
    Files.writeString(fa.resolve("confidential-budgets/quarterly-forecast-wxyz.txt"),
        "Revenue forecast for the secret merger with Zanzibar Holdings: 12,345,678 EUR.\n"
            .repeat(20));
    Trees.randomFile(fa.resolve("confidential-budgets/spreadsheet-qqq.bin"), 2_500_000, 7);
    Trees.randomFile(fa.resolve("holiday-photo-kilimanjaro.raw"), 700_000, 8);
    Trees.randomFile(fa.resolve("confidential-budgets/archive-oldyears/taxes-1999.bin"), 5_000,
        9);
    Files.write(fa.resolve("empty-marker-file.flag"), new byte[0]);

    Daemon a = daemon("a", k[0], fa).start();
    Daemon e = daemon("e", k[2], fe).start(a);
    await().atMost(SYNC_TIMEOUT).ignoreExceptions().untilAsserted(() ->
        assertThat(a.folderStatus().get("in_sync").asBoolean()).isTrue());
    JsonNode aStatus = a.folderStatus();
    awaitStored(e, aStatus.get("local_files").asLong()
        + aStatus.get("local_directories").asLong());
    assertThat(e.folderStatus().get("local_bytes").asLong()).isGreaterThan(3_200_000);

    String aId = a.status().get("device_id").asText();
    a.close();
    // A second host learns the folder (and its public key) from the first, with no writer on.
    Path fe2 = Files.createDirectories(dir.resolve("e2"));
    Daemon e2 = daemon("e2", k[2], fe2).start(e);
    awaitStored(e2, e.folderStatus().get("local_files").asLong());
    Daemon c = daemon("c", k[1], fc).start(e2);
    DaemonGroup.awaitIdentical(SYNC_TIMEOUT, fa, fc, c);
    List<String> peersOfC = new ArrayList<>();
    c.folderStatus().get("peers").forEach(p -> peersOfC.add(p.get("device_id").asText()));
    assertThat(peersOfC).contains(e2.status().get("device_id").asText())
        .doesNotContain(aId);

    e.close();
    e2.close();
    List<byte[]> secrets = secretsOf(fa);
    List<Path> hostFiles = new ArrayList<>();
    for (Path root : List.of(fe, e.home, dir.resolve("e.log"), fe2, e2.home,
        dir.resolve("e2.log"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(Files::isRegularFile).forEach(hostFiles::add);
      }
    }
    assertThat(hostFiles).hasSizeGreaterThan(5);
    for (Path file : hostFiles) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte[] secret : secrets) {
        assertThat(indexOf(bytes, secret)).as("%s holds \"%s\"", file,
            printable(secret)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aHostThatReplaysAnOldRecordOrFlipsABitLandsNothingOnHonestNodes() throws Exception {
    String[] k = keys();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fe = Files.createDirectories(dir.resolve("e"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.writeString(fa.resolve("plan.txt"), "version one of the plan\n".repeat(500));
    Trees.randomFile(fa.resolve("ledger.bin"), 1_500_000, 3);
    Daemon a = daemon("a", k[0], fa).start();
    Daemon e = daemon("e", k[2], fe).start(a);
    awaitStored(e, 2);

    e.close();
    Path saved = Files.createDirectories(dir.resolve("saved-index"));
    copyIndex(e.home, saved);
    long chunksBefore = countFiles(fe);
    e.start(a);
    Files.writeString(fa.resolve("plan.txt"), "version two of the plan\n".repeat(500));
    await().atMost(SYNC_TIMEOUT).ignoreExceptions().untilAsserted(() ->
        assertThat(countFiles(fe)).isGreaterThan(chunksBefore));
    awaitStored(e, 2);
    a.close();
    e.close();

    copyIndex(saved, e.home);
    try (Stream<Path> walk = Files.walk(fe)) {
      for (Path chunk : walk.filter(Files::isRegularFile).toList()) {
        flipBit(chunk);
      }
    }

    e.start();
    a.start(e);
    await().atMost(SYNC_TIMEOUT).untilAsserted(() -> assertThat(a.log())
        .contains("ignoring a record from").contains("older than ours for plan.txt"));
    assertKeepsVersionTwoAndNothingElse(fa);
    a.close();

    Daemon c = daemon("c", k[1], fc).start(e);
    awaitRefusedAndNothingLanded(c, fc);
  }

  /**
   * The same two attacks from a host whose software is modified, not its disk: a hostile peer
   * built from the project's protocol classes ({@link HostilePeer}) joins with the E key,
   * collects the real encrypted records and ciphertext from A, replays a record A has since
   * replaced, and later, as the only host online, serves a fresh read-only node every chunk
   * with one bit flipped; then the real ciphertext, which the node takes.
   */
  @Test
  void aHostilePeerWithTheEncryptedKeyCanNeitherReplayNorServeAlteredChunks() throws Exception {
    String[] k = keys();
    FolderKey hostKey = FolderKey.parse(k[2]);
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.writeString(fa.resolve("plan.txt"), "version one of the plan\n".repeat(500));
    Trees.randomFile(fa.resolve("ledger.bin"), 1_500_000, 3);
    Daemon a = daemon("a", k[0], fa).start();
    await().atMost(SYNC_TIMEOUT).ignoreExceptions().untilAsserted(() ->
        assertThat(a.folderStatus().get("local_files").asLong()).isEqualTo(2));

    Map<String, EncryptedRecord> before;
    Map<String, EncryptedRecord> after;
    byte[] folderPublicKey;
    try (HostilePeer host = HostilePeer.join(address(a), hostKey).awaitEncryptedIndex()) {
      folderPublicKey = host.daemonPublicKey();
      before = host.encryptedAnnounced();
      assertThat(before).hasSize(2);
      Files.writeString(fa.resolve("plan.txt"), "version two of the plan\n".repeat(500));
      await().atMost(SYNC_TIMEOUT).until(() -> !replacedSince(before,
          host.encryptedAnnounced()).isEmpty());
      after = host.encryptedAnnounced();
      List<EncryptedRecord> replaced = replacedSince(before, after);
      assertThat(replaced).hasSize(1);

      host.sendEncryptedIndex(replaced, false);
      await().atMost(SYNC_TIMEOUT).untilAsserted(() -> assertThat(a.log())
          .contains("ignoring a record from").contains("older than ours for plan.txt"));
      for (EncryptedRecord r : after.values()) {
        for (EncryptedChunk chunk : r.chunks()) {
          Message.Response response = HostilePeer.await(host.requestEncrypted(chunk));
          assertThat(response.code()).isEqualTo(Message.ResponseCode.NO_ERROR);
          byte[] flipped = response.data().clone();
          flipped[flipped.length / 2] ^= 0x10;
          chunksToServe.put(chunk.id(), flipped);
          realChunks.put(chunk.id(), response.data());
        }
      }
    }
    assertKeepsVersionTwoAndNothingElse(fa);
    a.close();

    Daemon c = daemon("c", k[1], fc).start();
    try (HostilePeer host = HostilePeer.joinClaiming(address(c), hostKey, folderPublicKey)) {
      chunksToServe.forEach(host::serveEncrypted);
      host.sendEncryptedIndex(List.copyOf(after.values()), true);
      awaitRefusedAndNothingLanded(c, fc);

      // The same peer serving the real ciphertext: the refusal was the flipped bit's doing.
      realChunks.forEach(host::serveEncrypted);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, fa, fc, c);
    }
  }

  private final Map<ChunkHash, byte[]> chunksToServe = new HashMap<>();
  private final Map<ChunkHash, byte[]> realChunks = new HashMap<>();

  /** A's folder still holds version two of plan.txt and ledger.bin, and nothing else. */
  private static void assertKeepsVersionTwoAndNothingElse(Path fa) throws IOException {
    assertThat(Files.readString(fa.resolve("plan.txt")))
        .isEqualTo("version two of the plan\n".repeat(500));
    try (Stream<Path> files = Files.list(fa)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("plan.txt", "ledger.bin");
    }
  }

  /** The node refuses the altered ciphertext, and for 5 s no file appears under its name. */
  private static void awaitRefusedAndNothingLanded(Daemon c, Path fc) {
    await().atMost(SYNC_TIMEOUT).untilAsserted(() -> assertThat(c.log())
        .contains("refusing encrypted chunk")
        .contains("authentication tag does not match"));
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(20)).until(() ->
        !Files.exists(fc.resolve("plan.txt")) && !Files.exists(fc.resolve("ledger.bin")));
  }

  /** The records of {@code before} that {@code now} holds a different version of. */
  private static List<EncryptedRecord> replacedSince(Map<String, EncryptedRecord> before,
      Map<String, EncryptedRecord> now) {
    return before.entrySet().stream().filter(e -> now.get(e.getKey()) != null
        && !now.get(e.getKey()).version().equals(e.getValue().version()))
        .map(Map.Entry::getValue).toList();
  }

  private static InetSocketAddress address(Daemon d) {
    return new InetSocketAddress("127.0.0.1", d.port);
  }

  /** Every path segment, and 64-byte samples at several offsets of every file. */
  private static List<byte[]> secretsOf(Path root) throws IOException {
    List<byte[]> secrets = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(".sync")) {
          continue;
        }
        secrets.add(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(p) && Files.size(p) >= 64) {
          byte[] data = Files.readAllBytes(p);
          for (int i = 0; i < 8; i++) {
            int offset = (int) ((long) (data.length - 64) * i / 7);
            secrets.add(Arrays.copyOfRange(data, offset, offset + 64));
          }
        }
      }
    }
    return secrets;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String printable(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static void copyIndex(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(to)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("index"))
          .toList()) {
        Files.delete(p);
      }
    }
    try (Stream<Path> files = Files.list(from)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("index"))
          .toList()) {
        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static long countFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  private static void flipBit(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
  }
}
