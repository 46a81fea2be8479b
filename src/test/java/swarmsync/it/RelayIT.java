package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connectivity matrix cases 4 and 5 with our own relays: two daemons in two homes behind NAT
 * routers without port mapping ({@link RelayTopology}), sharing only a folder key and two relay
 * addresses in the "internet" (a third daemon with {@code --serve-relay}, and
 * {@code swarmsync relay}). They find each other at the relay by folder token, connect through
 * it and sync (case 4); the relay carrying them (either) is killed mid-transfer and the
 * transfer resumes through the other relay with the file intact (case 5).
 */
class RelayIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int FIRST_BYTES = 16_000_000;
  private static final int SECOND_BYTES = 32_000_000;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void homesBehindNatsSyncThroughARelayAndResumeOnTheSecondWhenItDies() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "RelayIT needs root to create network namespaces");
    RelayTopology net = keep(RelayTopology.create());
    String ip = RelayTopology.RELAY_IP;

    Daemon relayDaemon = keep(new Daemon(dir, "relay1", net.inet, ip));
    int port1 = Daemon.freePort();
    int port2 = Daemon.freePort();
    Process relay2 = startRelayCommand(net.inet, ip + ":" + port2);
    relayDaemon.start(Set.of(), List.of("--serve-relay", ip + ":" + port1));
    awaitRelayUp(relay2);
    List<String> flags = List.of("--relay", "relay://" + ip + ":" + port1,
        "--relay", "relay://" + ip + ":" + port2);

    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Trees.randomFile(fa.resolve("first.bin"), FIRST_BYTES, 1);
    Daemon a = keep(new Daemon(dir, "a", net.home1, "192.168.71.2"));
    Daemon b = keep(new Daemon(dir, "b", net.home2, "192.168.72.2"));
    a.addFolder(key, fa);
    b.addFolder(key, fb);
    CompletableFuture<Daemon> startingA = CompletableFuture.supplyAsync(
        () -> RelayIT.start(a, flags));
    start(b, flags);
    startingA.join();

    // Case 4: no direct path either way, only the relay.
    Path first = fb.resolve("first.bin");
    double transferSeconds = timeTransfer(first, FIRST_BYTES);
    Duration connect = b.awaitFirstConnection(WAIT)[1];
    awaitIdentical(fa, fb, a, b);
    assertThat(net.tcpReachable(net.home1, "192.168.72.2", b.port)).isFalse();
    assertThat(net.tcpReachable(net.home2, "10.201.1.2", a.port)).isFalse();
    assertThat(net.tcpReachable(net.home2, ip, port1)).isTrue();
    JsonNode peer = b.folderStatus().get("peers").get(0);
    assertThat(peer.get("connection").asText()).isEqualTo("relay");
    // Either relay may carry them: the first where both had joined when one dialed.
    String relay1 = ip + ":" + port1;
    String relay2Address = ip + ":" + port2;
    assertThat(peer.get("address").asText()).isIn(relay1, relay2Address);
    boolean viaFirst = peer.get("address").asText().equals(relay1);
    assertThat(a.folderStatus().get("peers").get(0).get("connection").asText())
        .isEqualTo("relay");

    // Case 5: the relay carrying them dies mid-transfer.
    Trees.randomFile(fa.resolve("second.bin"), SECOND_BYTES, 2);
    Path second = fb.resolve("second.bin");
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> tempOf(fb).isPresent());
    if (viaFirst) {
      relayDaemon.kill();
    } else {
      relay2.destroyForcibly();
      relay2.waitFor(30, TimeUnit.SECONDS);
    }
    long killed = System.nanoTime();
    assertThat(Files.exists(second)).as("the kill came before the transfer ended").isFalse();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> Files.exists(second));
    double resumeSeconds = (System.nanoTime() - killed) / 1e9;
    awaitIdentical(fa, fb, a, b);
    peer = b.folderStatus().get("peers").get(0);
    assertThat(peer.get("connection").asText()).isEqualTo("relay");
    assertThat(peer.get("address").asText()).isEqualTo(viaFirst ? relay2Address : relay1);
    assertThat(viaFirst ? relay2.isAlive() : relayDaemon.alive()).isTrue();
    System.out.printf("RelayIT: case 4 connected %.1f s after b listened, %.1f MB/s through"
        + " %s; case 5 second.bin complete %.1f s after that relay died%n",
        connect.toMillis() / 1e3, FIRST_BYTES / 1e6 / transferSeconds,
        viaFirst ? "the --serve-relay daemon" : "swarmsync relay", resumeSeconds);
  }

  /**
   * Waits for {@code file} to be pulled; returns seconds from its temporary file appearing to
   * the file itself appearing (renamed from the temporary file when complete).
   */
  private double timeTransfer(Path file, long bytes) {
    Path folder = file.getParent();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(
        () -> tempOf(folder).isPresent() || Files.exists(file));
    assertThat(Files.exists(file)).as("the transfer was seen from its start").isFalse();
    long begun = System.nanoTime();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(file)
        && Files.size(file) == bytes);
    return (System.nanoTime() - begun) / 1e9;
  }

  /** Waits for identical trees (cheap), then for both daemons to report in sync. */
  private static void awaitIdentical(Path fa, Path fb, Daemon a, Daemon b) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .untilAsserted(() -> assertThat(Trees.describe(fb)).isEqualTo(Trees.describe(fa)));
    DaemonGroup.awaitIdentical(WAIT, fa, fb, a, b);
  }

  private static Daemon start(Daemon d, List<String> flags) {
    try {
      return d.start(Set.of(), flags);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.Optional<Path> tempOf(Path folder) throws Exception {
    try (var list = Files.list(folder)) {
      return list.filter(p -> p.getFileName().toString().startsWith(".~swarmsync."))
          .findFirst();
    }
  }

  private Process startRelayCommand(String netns, String listen) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
    cmd.addAll(Launcher.command("relay", "--listen", listen));
    Path log = dir.resolve("relay2.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    keep(() -> {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    });
    return p;
  }

  private void awaitRelayUp(Process p) {
    Path log = dir.resolve("relay2.log");
    await().atMost(WAIT).until(() -> Files.readString(log).contains("RELAY_URI=")
        || !p.isAlive());
    assertThat(p.isAlive()).as("swarmsync relay started").isTrue();
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }
}
