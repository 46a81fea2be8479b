package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon refuses to serve its web interface on a non-loopback address (0.0.0.0 here,
 * every address of the test's namespace) until {@code password set} has stored a password;
 * then it starts, and the password logs a browser in.
 */
class GuiPasswordIT {
  private static final String PASSWORD = "staple battery horse";

  @TempDir Path dir;

  @Test
  void offLoopbackTheDaemonStartsOnlyOnceAPasswordIsSet() throws Exception {
    Path home = dir.resolve("home");
    int gui = Daemon.freePort();
    String[] args = {"--home", home.toString(), "--listen", "127.0.0.1:" + Daemon.freePort(),
        "--gui", "0.0.0.0:" + gui, "--no-lan", "--no-dht", "--no-tracker", "--no-upnp",
        "--no-relay"};

    Path refusedLog = dir.resolve("refused.log");
    Process refused = Launcher.startDaemon(refusedLog, args);
    assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.exitValue()).isNotZero();
    String reason = Files.readString(refusedLog).strip();
    assertThat(reason).as("one line").doesNotContain("\n")
        .contains("refusing to serve the web interface on 0.0.0.0 without a password")
        .contains("swarmsync password set --home");
    assertThat(Files.exists(home.resolve("daemon.json"))).isFalse();

    Launcher.Result tooShort = Launcher.runWithInput("short\n", "password", "set", "--home",
        home.toString());
    assertThat(tooShort.exit()).isNotZero();
    assertThat(tooShort.err().strip()).contains("at least 8").doesNotContain("\n");
    Launcher.runWithInput(PASSWORD + "\n", "password", "set", "--home", home.toString())
        .assertOk();
    Path stored = home.resolve("gui-password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(stored)).startsWith("$argon2id$").doesNotContain(PASSWORD);

    Path log = dir.resolve("daemon.log");
    Process daemon = Launcher.startDaemon(log, args);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() ->
          Files.exists(home.resolve("daemon.json")) || !daemon.isAlive());
      assertThat(daemon.isAlive()).as(Files.readString(log)).isTrue();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + gui;
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(
              URI.create(base + "/rest/login")).header("Origin", base)
          .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
          .contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
      Launcher.run("status", "--home", home.toString(), "--json").assertOk();
      assertThat(Files.readString(log)).as("no secret in the log")
          .doesNotContain(PASSWORD).doesNotContain(Files.readString(home.resolve("api-key"))
              .strip());
    } finally {
      daemon.destroy();
      daemon.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
