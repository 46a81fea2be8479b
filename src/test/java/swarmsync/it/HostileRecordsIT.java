package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.record.FileRecord;
import swarmsync.record.VersionVector;

/**
 * Write authority is cryptographic: a modified read-only node (a {@link HostilePeer} holding
 * only the B key) sends unsigned records, records signed with another Ed25519 key, records
 * altered after signing and replays of an old validly signed version to an honest read-write
 * and an honest read-only daemon. Nothing lands on either: trees, counts and what each
 * announces stay as they were, and each logs why it refused.
 */
class HostileRecordsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final byte[] PWNED = "written by the hostile peer\n"
      .getBytes(StandardCharsets.UTF_8);

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

  @Test
  void unsignedReSignedAlteredAndReplayedRecordsLandNowhereAndEachRefusalIsLogged()
      throws Exception {
    String rwKey = Launcher.run("key", "new").assertOk().out().trim();
    String roKey = Launcher.run("key", "ro", rwKey).assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("rw"));
    Path fr = Files.createDirectories(dir.resolve("ro"));
    Files.writeString(fa.resolve("doc.txt"), "version 1\n");
    Files.writeString(fa.resolve("keep.txt"), "kept\n");
    Daemon rw = group.add("rw", rwKey, fa).start();
    Daemon ro = group.add("ro", roKey, fr).start(rw);
    DaemonGroup.awaitIdentical(TIMEOUT, fa, fr, rw, ro);

    FolderKey readOnly = FolderKey.parse(roKey);
    try (HostilePeer atRw = HostilePeer.join(address(rw), readOnly).awaitIndex()) {
      FileRecord v1 = atRw.announced("doc.txt");
      assertThat(v1).as("the read-write node announced doc.txt").isNotNull();

      Files.writeString(fa.resolve("doc.txt"), "version 2, the current one\n");
      await().atMost(TIMEOUT).until(() -> atRw.announced("doc.txt").version()
          .compare(v1.version()) == VersionVector.Order.GREATER);
      DaemonGroup.awaitIdentical(TIMEOUT, fa, fr, rw, ro);
      FileRecord v2 = atRw.announced("doc.txt");

      try (HostilePeer atRo = HostilePeer.join(address(ro), readOnly).awaitIndex()) {
        Map<String, String> rwTree = Trees.describe(fa);
        Map<String, String> roTree = Trees.describe(fr);
        JsonNode rwBefore = rw.folderStatus();
        JsonNode roBefore = ro.folderStatus();
        List<FileRecord> forged = forgeries(atRw, v1, v2);
        for (HostilePeer hostile : List.of(atRw, atRo)) {
          for (FileRecord r : forged) {
            hostile.serve(r.path(), PWNED);
          }
          hostile.sendIndex(forged);
          hostile.sendUpdate(forged);
        }

        for (Daemon honest : List.of(rw, ro)) {
          await().atMost(TIMEOUT).untilAsserted(() -> assertThat(honest.log())
              .contains("refusing new-unsigned.txt from", ": unsigned record")
              .contains("refusing doc.txt from", ": bad folder signature")
              .contains("refusing doc-renamed.txt from", ": bad folder signature")
              .contains("older than this device's version (replayed or out of date)"));
        }
        // Nothing lands, now or after the pull passes the stored replay scheduled.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> {
              assertThat(Trees.describe(fa)).isEqualTo(rwTree);
              assertThat(Trees.describe(fr)).isEqualTo(roTree);
            });
        assertCountsUnchanged(rw, rwBefore);
        assertCountsUnchanged(ro, roBefore);
        for (HostilePeer hostile : List.of(atRw, atRo)) {
          assertThat(hostile.announced("doc.txt").version()).as("doc.txt is still v2")
              .isEqualTo(v2.version());
          assertThat(hostile.announced("new-unsigned.txt")).isNull();
          assertThat(hostile.announced("doc-renamed.txt")).isNull();
        }
        assertThat(Files.readString(fr.resolve("doc.txt")))
            .isEqualTo("version 2, the current one\n");
      }
    }
  }

  @Test
  void aReadOnlyPeerOfferingItsOwnPublicKeyIsRefusedTheJoin() throws Exception {
    String rwKey = Launcher.run("key", "new").assertOk().out().trim();
    String roKey = Launcher.run("key", "ro", rwKey).assertOk().out().trim();
    Path fr = Files.createDirectories(dir.resolve("ro"));
    Daemon ro = group.add("ro", roKey, fr).start();
    byte[] ownKey = FolderKey.newReadWrite(new SecureRandom()).signer().publicKey();

    assertThatThrownBy(() -> HostilePeer.joinClaiming(address(ro), FolderKey.parse(roKey),
        ownKey).close()).hasMessageContaining("public key does not match the folder's "
        + "fingerprint");
    assertThat(ro.log()).contains("refused folder join from");
  }

  /**
   * The records a modified read-only node can make: every one would win over the current
   * version if it were believed, and none carries a valid folder signature for what it says,
   * but the replay of the genuine, older v1.
   */
  private static List<FileRecord> forgeries(HostilePeer hostile, FileRecord v1, FileRecord v2) {
    FileRecord unsignedNew = HostilePeer.file("new-unsigned.txt", PWNED, 1);
    FileRecord unsignedEdit = HostilePeer.newerThan(v2, PWNED);
    FileRecord reSigned = hostile.signedWith(
        FolderKey.newReadWrite(new SecureRandom()).signer(), HostilePeer.newerThan(v2, PWNED));
    FileRecord bumped = HostilePeer.newerThan(v2, PWNED);
    FileRecord contentAltered = new FileRecord(v2.path(), v2.type(), bumped.size(),
        v2.mtimeNanos(), v2.permissions(), false, v2.version(), v2.sequence(), v2.modifiedBy(),
        bumped.chunks(), "", v2.signature());
    FileRecord versionAltered = new FileRecord(v2.path(), v2.type(), v2.size(),
        v2.mtimeNanos(), v2.permissions(), false, bumped.version(), v2.sequence(),
        v2.modifiedBy(), v2.chunks(), "", v2.signature());
    FileRecord pathAltered = new FileRecord("doc-renamed.txt", v2.type(), v2.size(),
        v2.mtimeNanos(), v2.permissions(), false, v2.version(), v2.sequence(), v2.modifiedBy(),
        v2.chunks(), "", v2.signature());
    return List.of(unsignedNew, unsignedEdit, reSigned, contentAltered, versionAltered,
        pathAltered, v1);
  }

  private static void assertCountsUnchanged(Daemon d, JsonNode before) throws Exception {
    JsonNode now = d.folderStatus();
    assertThat(now.get("local_files")).as(d.name).isEqualTo(before.get("local_files"));
    assertThat(now.get("local_bytes")).as(d.name).isEqualTo(before.get("local_bytes"));
    assertThat(now.get("need_files").asLong()).as(d.name + ": nothing forged is wanted")
        .isZero();
  }

  private static InetSocketAddress address(Daemon d) {
    return new InetSocketAddress("127.0.0.1", d.port);
  }
}
