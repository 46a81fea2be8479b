package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons in a line, A ← B ← C by {@code --peer}, with every other discovery off: B tells
 * C where A listens, C dials A (found by pex), and a file made on A reaches C.
 */
class PeerExchangeIT {
  /** JVM start of three daemons, one exchange and one dial on loopback. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Daemon a;
  private Daemon b;
  private Daemon c;

  @AfterEach
  void stop() throws Exception {
    for (Daemon d : new Daemon[] {c, b, a}) {
      if (d != null) {
        d.close();
      }
    }
    Path logs = Files.createDirectories(Launcher.root().resolve("target/it-logs"));
    for (Daemon d : new Daemon[] {a, b, c}) {
      if (d != null) {
        Files.writeString(logs.resolve("PeerExchangeIT-" + d.name + ".log"), d.log());
      }
    }
  }

  @Test
  void aPeerOfAPeerIsDialedAsFoundByPexAndSyncsDirectly() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Path fc = Files.createDirectories(dir.resolve("c"));
    a = new Daemon(dir, "a");
    b = new Daemon(dir, "b");
    c = new Daemon(dir, "c");
    a.addFolder(key, fa);
    b.addFolder(key, fb);
    c.addFolder(key, fc);

    a.start();
    b.start(Set.of(), List.of(), a);
    await().atMost(CONNECT_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> peers(b.status()).contains(deviceId(a)));
    c.start(Set.of(), List.of(), b);

    String deviceA = deviceId(a);
    await().atMost(CONNECT_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> assertThat(foundBy(cliStatus(c), deviceA)).isEqualTo("pex"));

    Files.writeString(fa.resolve("from-a.txt"), "made on A, carried to C\n");
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
        .untilAsserted(() -> assertThat(fc.resolve("from-a.txt"))
            .hasContent("made on A, carried to C\n"));
    assertThat(c.log()).contains("found by pex");
  }

  private static String deviceId(Daemon d) throws Exception {
    return d.status().get("device_id").asText();
  }

  private static List<String> peers(JsonNode status) {
    return status.get("folders").get(0).get("peers").findValuesAsText("device_id");
  }

  /** The found_by C's status gives for {@code device} in its folder, or null if not listed. */
  private static String foundBy(JsonNode status, String device) {
    for (JsonNode peer : status.get("folders").get(0).get("peers")) {
      if (peer.get("device_id").asText().equals(device)) {
        return peer.get("found_by").asText();
      }
    }
    return null;
  }

  /** What {@code swarmsync status --json} prints for a daemon. */
  private static JsonNode cliStatus(Daemon d) throws Exception {
    String out = Launcher.run("status", "--home", d.home.toString(), "--json").assertOk().out();
    return new ObjectMapper().readTree(out);
  }
}
