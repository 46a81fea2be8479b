package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two daemons sharing one folder with no {@code --peer}: the first holds a file, the second is
 * started once the first runs, and must find it by one discovery method, connect and sync.
 * Records the second daemon's time to its first connection in
 * {@code target/discovery-timings.txt}.
 */
final class DiscoveredPair implements AutoCloseable {
  /** Finding a peer: a tracker or DHT answer on loopback, or a LAN packet, plus JVM start. */
  static final Duration FIND_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  final String key;
  final String discoveryId;
  final Daemon first;
  final Daemon second;
  private final Path dir;

  /** Makes a folder key and the two daemons' folders; starts nothing. */
  DiscoveredPair(Path dir, Daemon first, Daemon second) throws Exception {
    this.dir = dir;
    this.first = first;
    this.second = second;
    this.key = Launcher.run("key", "new").assertOk().out().trim();
    String info = Launcher.run("key", "info", "--json", key).assertOk().out();
    this.discoveryId = info.replaceAll("(?s).*\"discovery_id\"\\s*:\\s*\"([0-9a-f]{40})\".*",
        "$1");
    Path fa = Files.createDirectories(dir.resolve(first.name + "-folder"));
    Path fb = Files.createDirectories(dir.resolve(second.name + "-folder"));
    Files.writeString(fa.resolve("found.txt"), "found through discovery\n");
    first.addFolder(key, fa);
    second.addFolder(key, fb);
  }

  /**
   * Starts both with {@code method} on and {@code flags}, waits for the sync, checks that one
   * reports the other as {@code found_by = method}; returns the second's times.
   */
  Duration[] startFindAndSync(String method, List<String> flagsFirst, List<String> flagsSecond)
      throws Exception {
    first.start(Set.of(method), flagsFirst);
    second.start(Set.of(method), flagsSecond);
    Duration[] times = second.awaitFirstConnection(FIND_TIMEOUT);
    Path fa = dir.resolve(first.name + "-folder");
    Path fb = dir.resolve(second.name + "-folder");
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .untilAsserted(() -> {
          Map<String, String> left = Trees.describe(fa);
          assertThat(Trees.describe(fb)).isEqualTo(left);
        });
    // The side that dialed says how it found the other; the side that was dialed says the same
    // once its own dial has reached the peer, and "manual" before (docs/discovery.md).
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .untilAsserted(() -> {
          List<String> both = List.of(first.foundBy(), second.foundBy());
          assertThat(both).contains(method).isSubsetOf(method, "manual");
        });
    record(method, times);
    return times;
  }

  /**
   * Restarts the second daemon with every discovery method off: it must reach the first again
   * through its address cache alone, and say {@code found_by = cache}.
   */
  Duration[] restartSecondFromItsCache() throws Exception {
    second.close();
    second.start(Set.of(), List.of());
    Duration[] times = second.awaitFirstConnection(FIND_TIMEOUT);
    await().atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .untilAsserted(() -> assertThat(second.foundBy()).isEqualTo("cache"));
    record("cache", times);
    return times;
  }

  private static void record(String method, Duration[] times) throws IOException {
    String line = String.format("%s launch-to-connect=%d ms listening-to-connect=%s ms%n",
        method, times[0].toMillis(), times[1] == null ? "?" : times[1].toMillis());
    System.out.print("TIME-TO-FIRST-CONNECTION " + line);
    Path file = Launcher.root().resolve("target/discovery-timings.txt");
    Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Stops both; keeps their logs in {@code target/it-logs/CLASS-NAME.log} for a look later. */
  @Override
  public void close() throws Exception {
    second.close();
    first.close();
    Path logs = Files.createDirectories(Launcher.root().resolve("target/it-logs"));
    String test = StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName).filter(c -> c.endsWith("IT")).findFirst())
        .orElse("it").replaceAll(".*\\.", "");
    for (Daemon d : List.of(first, second)) {
      Files.writeString(logs.resolve(test + "-" + d.name + ".log"), d.log());
    }
  }
}
