package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes get one line on stderr and a non-zero exit, and change nothing. */
class CommandErrorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static void assertOneLineFailure(Launcher.Result r, String expected) {
    assertThat(r.exit()).isNotZero();
    assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void keyCommandsDeriveWeakerKeysAndDescribeThem() throws Exception {
    String a = Launcher.run("key", "new").assertOk().out().trim();
    String b = Launcher.run("key", "ro", a).assertOk().out().trim();
    String e = Launcher.run("key", "encrypted", b).assertOk().out().trim();
    assertThat(a).startsWith("A");
    assertThat(b).startsWith("B");
    assertThat(e).startsWith("E");
    assertThat(Launcher.run("key", "encrypted", a).assertOk().out().trim()).isEqualTo(e);

    JsonNode infoA = JSON.readTree(Launcher.run("key", "info", "--json", a).assertOk().out());
    JsonNode infoE = JSON.readTree(Launcher.run("key", "info", "--json", e).assertOk().out());
    assertThat(infoA.get("kind").asText()).isEqualTo("rw");
    assertThat(infoE.get("kind").asText()).isEqualTo("encrypted");
    assertThat(infoA.get("discovery_id").asText()).matches("[0-9a-f]{40}")
        .isEqualTo(infoE.get("discovery_id").asText());
  }

  @Test
  void mistypedKeysAreRefused() throws Exception {
    String a = Launcher.run("key", "new").assertOk().out().trim();
    char last = a.charAt(a.length() - 1);
    String typo = a.substring(0, a.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertOneLineFailure(Launcher.run("key", "info", typo), "checksum");
    Path folder = Files.createDirectories(dir.resolve("f"));
    assertOneLineFailure(Launcher.run("folder", "add", "--home", dir.resolve("h").toString(),
        "--key", typo, folder.toString()), "key");
    assertThat(dir.resolve("h").resolve("config.json")).doesNotExist();
  }

  @Test
  void missingNestedAndDuplicateFoldersAreRefused() throws Exception {
    String home = dir.resolve("h").toString();
    String key = Launcher.run("key", "new").assertOk().out().trim();
    String key2 = Launcher.run("key", "new").assertOk().out().trim();
    Path outer = Files.createDirectories(dir.resolve("outer"));
    Path inner = Files.createDirectories(outer.resolve("inner"));

    assertOneLineFailure(Launcher.run("folder", "add", "--home", home, "--key", key,
        dir.resolve("nope").toString()), "does not exist");
    Launcher.run("folder", "add", "--home", home, "--key", key, outer.toString()).assertOk();
    assertOneLineFailure(Launcher.run("folder", "add", "--home", home, "--key", key2,
        inner.toString()), "inside the shared folder");
    assertOneLineFailure(Launcher.run("folder", "add", "--home", home, "--key", key2,
        outer.toString()), "already shared");

    JsonNode list = JSON.readTree(Launcher.run("folder", "list", "--home", home, "--json")
        .assertOk().out());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("path").asText()).isEqualTo(outer.toString());
    assertThat(list.get(0).toString()).doesNotContain(key);
  }

  @Test
  void aSecondDaemonOnALockedHomeIsRefused() throws Exception {
    Path home = dir.resolve("h");
    Process first = Launcher.startDaemon(dir.resolve("d1.log"), "--home", home.toString(),
        "--gui", "127.0.0.1:0", "--listen", "127.0.0.1:0", "--no-lan", "--no-dht",
        "--no-tracker", "--no-upnp", "--no-relay");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(home.resolve("daemon.json")));
      Launcher.Result second = Launcher.run("daemon", "--home", home.toString(), "--gui",
          "127.0.0.1:0", "--listen", "127.0.0.1:0", "--no-lan", "--no-dht", "--no-tracker");
      assertOneLineFailure(second, "locked by a running daemon");
      Launcher.run("stop", "--home", home.toString()).assertOk();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly();
    }
  }

  @Test
  void statusWithoutADaemonSaysSo() throws Exception {
    assertOneLineFailure(Launcher.run("status", "--home", dir.resolve("h").toString()),
        "no daemon is running");
  }
}
