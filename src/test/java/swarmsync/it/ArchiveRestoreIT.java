package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version a peer replaced is in the archive, listed by the CLI and restored byte for byte. */
class ArchiveRestoreIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Daemon a;
  private Daemon b;

  @AfterEach
  void stop() throws Exception {
    for (Daemon d : new Daemon[] {a, b}) {
      if (d != null) {
        d.close();
      }
    }
  }

  @Test
  void aReplacedFileIsArchivedListedAndRestoredOnEveryNode() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Files.writeString(fa.resolve("plan.txt"), "first draft\n");
    a = new Daemon(dir, "a");
    b = new Daemon(dir, "b");
    a.addFolder(key, fa);
    b.addFolder(key, fb);
    a.start();
    b.start(a);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        Files.readString(fb.resolve("plan.txt")).equals("first draft\n"));

    Files.writeString(fa.resolve("plan.txt"), "second draft, replacing the first\n");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        Files.readString(fb.resolve("plan.txt")).startsWith("second draft"));

    JsonNode archived = JSON.readTree(Launcher.run("archive", "list", "--home",
        b.home.toString(), "--json", fb.toString()).assertOk().out());
    assertThat(archived).hasSize(1);
    assertThat(archived.get(0).get("original_path").asText()).isEqualTo("plan.txt");
    String archivedPath = archived.get(0).get("archived_path").asText();
    assertThat(Files.readString(fb.resolve(archivedPath))).isEqualTo("first draft\n");

    Launcher.run("archive", "restore", "--home", b.home.toString(), fb.toString(),
        archivedPath).assertOk();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      assertThat(Files.readString(fb.resolve("plan.txt"))).isEqualTo("first draft\n");
      assertThat(Files.readString(fa.resolve("plan.txt"))).isEqualTo("first draft\n");
    });
    JsonNode afterRestore = JSON.readTree(Launcher.run("archive", "list", "--home",
        b.home.toString(), "--json", fb.toString()).assertOk().out());
    assertThat(afterRestore).as("the second draft was archived before the restore")
        .anySatisfy(v -> assertThat(v.get("original_path").asText()).isEqualTo("plan.txt"));
    Launcher.Result bad = Launcher.run("archive", "restore", "--home", b.home.toString(),
        fb.toString(), "../../etc/passwd");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err().strip()).doesNotContain("\n");
  }
}
