package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.util.Base32;
import swarmsync.util.Hex;

/**
 * A full run of three daemons sharing one folder under its read-write (A), read-only (B) and
 * encrypted (E) keys, logging at DEBUG, with every CLI command and REST route a user reads. No
 * log line, REST response or CLI output holds any key, any derived secret (member, read and
 * content keys, in hex, base64, base64url or base32) or any daemon's API token. Only the
 * {@code key} commands, whose job is to print a key, are left out.
 */
class SecretsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Map<String, String> DEBUG_LOGS = Map.of("SWARMSYNC_JAVA_OPTS",
      "-Xmx512m -XX:+UseG1GC -Dswarmsync.log.level=DEBUG");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private DaemonGroup group;
  /** What the user saw, by where it came from. */
  private final Map<String, String> seen = new LinkedHashMap<>();

  @AfterEach
  void stop() throws Exception {
    if (group != null) {
      group.close();
    }
  }

  @Test
  void noKeyTokenOrDerivedSecretAppearsInLogsRestOrCliOutput() throws Exception {
    String a = Launcher.run("key", "new").assertOk().out().trim();
    String b = Launcher.run("key", "ro", a).assertOk().out().trim();
    String e = Launcher.run("key", "encrypted", a).assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    Files.writeString(fa.resolve("notes.txt"), "secret plans\n");
    Trees.randomFile(fa.resolve("data/blob.bin"), 2_000_000, 3);

    group = new DaemonGroup(dir);
    Daemon da = group.add("a", a, fa).withEnvironment(DEBUG_LOGS).start();
    Daemon db = group.add("b", b, fb).withEnvironment(DEBUG_LOGS).start(da);
    Daemon dc = group.add("c", e, fc).withEnvironment(DEBUG_LOGS).start(da, db);
    DaemonGroup.awaitIdentical(TIMEOUT, fa, fb, da, db);
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> dc.folderStatus().get("in_sync").asBoolean());
    Files.writeString(fa.resolve("notes.txt"), "changed plans\n");
    DaemonGroup.awaitIdentical(TIMEOUT, fa, fb, da, db);

    seen("key info", Launcher.run("key", "info", a));
    seen("folder add again", Launcher.run("folder", "add", "--home", da.home.toString(),
        "--key", a, fa.toString()));
    seen("folder add with a key of a wrong checksum", Launcher.run("folder", "add", "--home",
        da.home.toString(), "--key", a.substring(0, a.length() - 1) + flip(a.charAt(
            a.length() - 1)), dir.resolve("other").toString()));
    for (Daemon d : List.of(da, db, dc)) {
      String home = d.home.toString();
      seen(d.name + " status", Launcher.run("status", "--home", home));
      seen(d.name + " status --json", Launcher.run("status", "--home", home, "--json"));
      seen(d.name + " folder list", Launcher.run("folder", "list", "--home", home));
      seen(d.name + " folder list --json", Launcher.run("folder", "list", "--home", home,
          "--json"));
      seen(d.name + " archive list", Launcher.run("archive", "list", "--home", home,
          d == da ? fa.toString() : d == db ? fb.toString() : fc.toString()));
      for (String route : List.of("/rest/status", "/rest/folders", "/metrics",
          "/rest/folders/archive?path=" + fa, "/rest/no-such-route")) {
        seen(d.name + " GET " + route, get(d, route, true));
      }
      seen(d.name + " GET /rest/status without the token", get(d, "/rest/status", false));
    }
    List<String> secrets = secretForms(List.of(a, b, e));
    for (Daemon d : List.of(da, db, dc)) {
      secrets.add(Files.readString(d.home.resolve("api-key")).trim());
    }
    for (Daemon d : List.of(da, db, dc)) {
      d.close();
      seen(d.name + " log", d.log());
    }
    assertThat(seen.get("a log")).as("the daemon logged at DEBUG").contains(" DEBUG ");

    int lines = 0;
    for (Map.Entry<String, String> source : seen.entrySet()) {
      for (String line : source.getValue().split("\n")) {
        lines++;
        for (String secret : secrets) {
          assertThat(line).as(source.getKey() + " shows a secret").doesNotContain(secret);
        }
      }
    }
    System.out.printf("SecretsIT: %d lines from %d sources checked against %d secret forms%n",
        lines, seen.size(), secrets.size());
  }

  private void seen(String source, Launcher.Result result) {
    seen.put(source, result.out() + "\n" + result.err());
  }

  private void seen(String source, String text) {
    seen.put(source, text);
  }

  /** A REST response as status line and body, with or without the daemon's API token. */
  private static String get(Daemon d, String route, boolean withToken) throws Exception {
    JsonNode state = JSON.readTree(d.home.resolve("daemon.json").toFile());
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://"
        + state.get("gui").asText() + route)).timeout(Duration.ofSeconds(10));
    if (withToken) {
      request.header("X-API-Key", Files.readString(d.home.resolve("api-key")).trim());
    }
    HttpResponse<String> response = HTTP.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.headers().map() + "\n" + response.body();
  }

  /** Each key as printed, its payload, and each derived secret in the usual text encodings. */
  private static List<String> secretForms(List<String> keys) {
    List<String> forms = new ArrayList<>();
    for (String text : keys) {
      forms.add(text);
      forms.add(text.toLowerCase(Locale.ROOT));
      forms.add(text.substring(1));
      byte[] body = Base64.getUrlDecoder().decode(text.substring(1));
      byte[] payload = java.util.Arrays.copyOf(body, body.length - 3);
      forms.add(Hex.encode(payload));
      forms.add(Base64.getEncoder().withoutPadding().encodeToString(payload));
      FolderKey key = FolderKey.parse(text);
      List<byte[]> derived = new ArrayList<>(List.of(key.memberKey()));
      if (key.canReadPlaintext()) {
        derived.add(key.readKey());
        derived.add(key.contentKey());
      }
      for (byte[] secret : derived) {
        forms.add(Hex.encode(secret));
        forms.add(Hex.encode(secret).toUpperCase(Locale.ROOT));
        forms.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        forms.add(Base32.encode(secret));
        forms.add(Base32.encode(secret).toLowerCase(Locale.ROOT));
      }
    }
    return forms;
  }

  private static char flip(char c) {
    return c == 'A' ? 'B' : 'A';
  }
}
