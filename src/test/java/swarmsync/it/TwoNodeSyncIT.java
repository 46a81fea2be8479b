package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real daemons on loopback keep one folder identical through every kind of change. */
class TwoNodeSyncIT {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Daemon a;
  private Daemon b;
  private Daemon c;

  @AfterEach
  void stop() throws Exception {
    for (Daemon d : new Daemon[] {a, b, c}) {
      if (d != null) {
        d.close();
      }
    }
  }

  private void awaitIdentical(Path one, Path two) {
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> {
          Map<String, String> left = Trees.describe(one);
          assertThat(Trees.describe(two)).isEqualTo(left);
          assertThat(a.folderStatus().get("in_sync").asBoolean()).isTrue();
          assertThat(b.folderStatus().get("in_sync").asBoolean()).isTrue();
        });
  }

  @Test
  void createsEditsDeletesRenamesAndModesSyncBothWays() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Files.writeString(fa.resolve("hello.txt"), "hello from a\n");
    Files.createDirectories(fa.resolve("docs/empty-dir"));
    Files.write(fa.resolve("docs/empty.bin"), new byte[0]);
    Trees.randomFile(fa.resolve("docs/blob.bin"), 3_000_000, 1);
    Path script = fa.resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

    a = new Daemon(dir, "a");
    b = new Daemon(dir, "b");
    a.addFolder(key, fa);
    b.addFolder(key, fb);
    a.start();
    b.start(a);
    awaitIdentical(fa, fb);
    assertThat(Files.isExecutable(fb.resolve("run.sh"))).isTrue();
    JsonNode peers = b.folderStatus().get("peers");
    assertThat(peers).hasSize(1);
    assertThat(peers.get(0).get("device_id").asText()).isEqualTo(a.status().get("device_id")
        .asText());
    assertThat(peers.get(0).get("connection").asText()).isEqualTo("lan");

    Files.writeString(fb.resolve("hello.txt"), "edited on b\n");
    Files.writeString(fb.resolve("docs/new-on-b.txt"), "new\n");
    Files.move(fb.resolve("docs/blob.bin"), fb.resolve("docs/renamed-blob.bin"));
    Files.delete(fb.resolve("docs/empty.bin"));
    Files.setPosixFilePermissions(fb.resolve("run.sh"), PosixFilePermissions.fromString(
        "rw-r--r--"));
    awaitIdentical(fb, fa);
    assertThat(Files.readString(fa.resolve("hello.txt"))).isEqualTo("edited on b\n");
    assertThat(Files.exists(fa.resolve("docs/blob.bin"))).isFalse();
    assertThat(Files.isExecutable(fa.resolve("run.sh"))).isFalse();

    Files.move(fa.resolve("docs"), fa.resolve("papers"));
    Files.delete(fa.resolve("hello.txt"));
    awaitIdentical(fa, fb);
    assertThat(Files.exists(fb.resolve("docs"))).isFalse();
    assertThat(Files.readString(fb.resolve("papers/new-on-b.txt"))).isEqualTo("new\n");
  }

  @Test
  void concurrentEditsWhileOneNodeIsStoppedKeepBothVersionsOnBothNodes() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Files.writeString(fa.resolve("notes.txt"), "original\n");
    a = new Daemon(dir, "a");
    b = new Daemon(dir, "b");
    a.addFolder(key, fa);
    b.addFolder(key, fb);
    a.start();
    b.start(a);
    awaitIdentical(fa, fb);

    b.close();
    Files.writeString(fa.resolve("notes.txt"), "edited on a\n");
    Files.writeString(fb.resolve("notes.txt"), "edited on b while stopped\n");
    b.start(a);

    awaitIdentical(fa, fb);
    try (var files = Files.list(fa)) {
      var names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).hasSize(2).contains("notes.txt");
      String copy = names.stream().filter(n -> !n.equals("notes.txt")).findFirst().orElseThrow();
      assertThat(copy).matches("notes\\.sync-conflict-\\d{8}-\\d{6}-[A-Z2-7]{7}\\.txt");
      assertThat(java.util.Set.of(Files.readString(fa.resolve("notes.txt")),
          Files.readString(fa.resolve(copy))))
          .containsExactlyInAnyOrder("edited on a\n", "edited on b while stopped\n");
    }
  }

  @Test
  void aNodeWithAnotherFoldersKeyGetsNothing() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    String otherKey = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.writeString(fa.resolve("secret.txt"), "for members only\n");
    a = new Daemon(dir, "a");
    c = new Daemon(dir, "c");
    a.addFolder(key, fa);
    c.addFolder(otherKey, fc);
    a.start();
    c.start(a);

    await().atMost(SYNC_TIMEOUT).untilAsserted(() ->
        assertThat(a.log()).contains("refused folder join").contains("no such folder here"));
    assertThat(c.folderStatus().get("peers")).isEmpty();
    assertThat(a.folderStatus().get("peers")).isEmpty();
    try (var files = Files.list(fc)) {
      assertThat(files.filter(p -> !p.getFileName().toString().equals(".sync"))).isEmpty();
    }
  }
}
