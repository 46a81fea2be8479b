package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons that met once directly come back on new ports, so every address they know of
 * each other is dead and nothing finds new ones; both keep a session at a real Syncthing relay
 * (strelaysrv), find each other there by the device id remembered from the first meeting,
 * connect through it and sync, with {@code connection = relay} in their status.
 */
class StrelaysrvIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void daemonsWithNoUsableAddressSyncThroughStrelaysrv() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Files.writeString(fa.resolve("first.txt"), "met directly\n");
    try (DaemonGroup first = new DaemonGroup(dir)) {
      Daemon a = first.add("a", key, fa);
      Daemon b = first.add("b", key, fb);
      a.start();
      b.start(a);
      DaemonGroup.awaitIdentical(WAIT, fa, fb, a, b);
    }

    Trees.randomFile(fa.resolve("through-relay.bin"), 2_000_000, 7);
    try (Strelaysrv relay = Strelaysrv.start(dir);
        Daemon a = new Daemon(dir, "a");
        Daemon b = new Daemon(dir, "b")) {
      List<String> flags = List.of("--relay", relay.uri());
      long start = System.nanoTime();
      a.start(Set.of(), flags);
      b.start(Set.of(), flags);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .untilAsserted(() -> assertThat(connection(a)).isEqualTo("relay"));
      double seconds = (System.nanoTime() - start) / 1e9;
      Duration afterListening = b.awaitFirstConnection(WAIT)[1];
      DaemonGroup.awaitIdentical(WAIT, fa, fb, a, b);
      assertThat(connection(a)).isEqualTo("relay");
      assertThat(connection(b)).isEqualTo("relay");
      assertThat(b.folderStatus().get("peers").get(0).get("found_by").asText())
          .isEqualTo("relay");
      System.out.printf("StrelaysrvIT: connected through strelaysrv %.1f s after b listened"
          + " (%.1f s after starting both)%n", afterListening.toMillis() / 1e3, seconds);
    }
  }

  private static String connection(Daemon d) throws Exception {
    JsonNode peers = d.folderStatus().get("peers");
    return peers.get(0).get("connection").asText();
  }
}
