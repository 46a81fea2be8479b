package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher and daemon: a folder of 10,000 files is scanned and status tells it true. */
class FolderStatusIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process daemon;

  @AfterEach
  void stopDaemon() throws Exception {
    if (daemon != null && daemon.isAlive()) {
      daemon.destroy();
      daemon.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void statusFiguresFollowTheTreeThroughAddsEditsAndDeletes() throws Exception {
    Path home = dir.resolve("home");
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Random random = new Random(7);
    for (int d = 0; d < 100; d++) {
      Path sub = Files.createDirectories(folder.resolve("d" + d));
      for (int f = 0; f < 100; f++) {
        byte[] content = new byte[1 + random.nextInt(2048)];
        random.nextBytes(content);
        Files.write(sub.resolve("f" + f + ".bin"), content);
      }
    }
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Launcher.run("folder", "add", "--home", home.toString(), "--key", key, folder.toString())
        .assertOk();

    daemon = Launcher.startDaemon(dir.resolve("daemon.log"), "--home", home.toString(),
        "--gui", "127.0.0.1:0", "--listen", "127.0.0.1:0", "--no-lan", "--no-dht",
        "--no-tracker", "--no-upnp", "--no-relay");
    awaitFiguresMatch(home, folder);

    try (Stream<Path> files = Files.list(folder.resolve("d3"))) {
      files.forEach(p -> delete(p));
    }
    Files.delete(folder.resolve("d3"));
    for (int i = 0; i < 50; i++) {
      Files.write(folder.resolve("d7").resolve("new" + i + ".txt"), new byte[i * 10]);
    }
    for (int i = 0; i < 10; i++) {
      Files.write(folder.resolve("d9").resolve("f" + i + ".bin"), new byte[5000 + i]);
    }
    awaitFiguresMatch(home, folder);

    Launcher.run("stop", "--home", home.toString()).assertOk();
    assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(daemon.exitValue()).isZero();
  }

  private void awaitFiguresMatch(Path home, Path folder) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .ignoreExceptions().untilAsserted(() -> {
          JsonNode status = JSON.readTree(Launcher.run("status", "--home", home.toString(),
              "--json").assertOk().out());
          JsonNode f = status.get("folders").get(0);
          long[] tree = tree(folder);
          assertThat(f.get("path").asText()).isEqualTo(folder.toString());
          assertThat(f.get("key_kind").asText()).isEqualTo("rw");
          assertThat(f.get("local_files").asLong()).isEqualTo(tree[0]);
          assertThat(f.get("local_bytes").asLong()).isEqualTo(tree[1]);
          assertThat(f.get("need_files").asLong()).isZero();
          assertThat(f.get("need_bytes").asLong()).isZero();
          assertThat(f.get("peers")).isEmpty();
          assertThat(f.get("in_sync").asBoolean()).isTrue();
          assertThat(f.get("state").asText()).isEqualTo("idle");
          assertThat(status.get("device_id").asText()).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){12}");
        });
  }

  private static long[] tree(Path folder) throws IOException {
    long[] counts = new long[2];
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        counts[0]++;
        counts[1] += p.toFile().length();
      });
    }
    return counts;
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
