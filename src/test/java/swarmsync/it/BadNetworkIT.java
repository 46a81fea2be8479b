package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons in two network namespaces of the test's, each joined by a veth pair to the test's
 * own namespace, where a {@link DelayLine} relays B's connection to A with 200 ms of delay each
 * way and nftables drops 5% of the packets on A's link in both directions. Midway through the
 * transfer the link is cut (100% loss) for 30 s and the relay resets the connections it carried,
 * as a router losing its state would, so the daemons must connect again. The sync completes
 * with identical trees, and resumes instead of starting over: after the cut the relay carries
 * less than the whole data minus a quarter of what it carried before.
 *
 * <p>This kernel has no sch_netem (CONFIG_NET_SCH_NETEM is off and modules cannot be loaded:
 * {@code tc qdisc add ... netem} answers "Specified qdisc kind is unknown"), so the delay is the
 * relay's and the loss nftables': reordering is not emulated, and each TCP connection sees the
 * loss on a short-RTT hop while the daemons' request round trips take 400 ms and more.
 */
class BadNetworkIT {
  private static final long MIB = 1024 * 1024;
  private static final long DELAY_MS = 200;
  private static final int LOSS_PERCENT = 5;
  private static final Duration CUT = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
  private static final String NS_A = "ssbad-a-" + SUFFIX;
  private static final String NS_B = "ssbad-b-" + SUFFIX;
  private static final String TABLE = "ssbad";

  @TempDir Path dir;

  @BeforeEach
  void createNetwork() throws Exception {
    Assumptions.assumeTrue(run("id", "-u").strip().equals("0"),
        "BadNetworkIT needs root for namespaces and nftables");
    Assumptions.assumeTrue(exit("nft", "--version") == 0, "BadNetworkIT needs nft (nftables)");
    link(NS_A, "ra", "10.77.1");
    link(NS_B, "rb", "10.77.2");
    mustRun("nft", "add", "table", "inet", TABLE);
    for (String hook : List.of("input", "output")) {
      String dev = hook.equals("input") ? "iifname" : "oifname";
      mustRun("nft", "add", "chain", "inet", TABLE, hook, "{ type filter hook " + hook
          + " priority 0; }");
      mustRun("nft", "add", "rule", "inet", TABLE, hook, dev, "ra", "numgen", "random", "mod",
          "100", "<", Integer.toString(LOSS_PERCENT), "drop");
      mustRun("nft", "add", "chain", "inet", TABLE, "cut-" + hook, "{ type filter hook " + hook
          + " priority -1; }");
    }
  }

  /** A namespace whose {@code net}.1 is joined to {@code net}.2 on {@code hostSide} here. */
  private static void link(String ns, String hostSide, String net) throws Exception {
    exit("ip", "netns", "del", ns);
    mustRun("ip", "netns", "add", ns);
    mustRun("ip", "-n", ns, "link", "set", "lo", "up");
    mustRun("ip", "link", "add", hostSide, "type", "veth", "peer", "name", "v0", "netns", ns);
    mustRun("ip", "addr", "add", net + ".2/24", "dev", hostSide);
    mustRun("ip", "link", "set", hostSide, "up");
    mustRun("ip", "-n", ns, "addr", "add", net + ".1/24", "dev", "v0");
    mustRun("ip", "-n", ns, "link", "set", "v0", "up");
  }

  @AfterEach
  void deleteNetwork() throws Exception {
    exit("nft", "delete", "table", "inet", TABLE);
    for (String ns : List.of(NS_A, NS_B)) {
      exit("ip", "netns", "del", ns); // takes the veth pair along
    }
  }

  @Test
  void syncThroughDelayLossAndAThirtySecondCutCompletesAndResumes() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path fa = Files.createDirectories(dir.resolve("a"));
    Path fb = Files.createDirectories(dir.resolve("b"));
    Trees.randomFile(fa.resolve("big.bin"), 6 * MIB, 11);
    Trees.smallFiles(fa.resolve("small"), 40, 12);
    long data;
    try (var files = Files.walk(fa)) {
      data = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }

    try (Daemon a = new Daemon(dir, "a", NS_A, "10.77.1.1");
        Daemon b = new Daemon(dir, "b", NS_B, "10.77.2.1");
        DelayLine line = new DelayLine(InetAddress.getByName("10.77.2.2"),
            new InetSocketAddress("10.77.1.1", a.port), DELAY_MS)) {
      a.addFolder(key, fa);
      b.addFolder(key, fb);
      a.start();
      b.start(Set.of(), List.of("--peer", "10.77.2.2:" + line.port()));
      long started = System.nanoTime();

      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
          .until(() -> line.fromTarget.get() > data / 2);
      cut(true);
      line.dropAll();
      long beforeCut = line.fromTarget.get();
      long cutAt = System.nanoTime();
      TimeUnit.NANOSECONDS.sleep(CUT.toNanos()); // the cut itself lasts this long
      cut(false);
      System.out.printf("BadNetworkIT: cut for %d s after %d of %d bytes%n",
          Duration.ofNanos(System.nanoTime() - cutAt).toSeconds(), beforeCut, data);

      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .untilAsserted(() -> {
            assertThat(Trees.describe(fb)).isEqualTo(Trees.describe(fa));
            assertThat(b.folderStatus().get("in_sync").asBoolean()).isTrue();
          });
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      long carried = line.fromTarget.get();
      long afterCut = carried - beforeCut;
      System.out.printf("BadNetworkIT: %d bytes synced in %d s (30 s cut included) over %d"
          + " connection(s); the relay carried %d bytes to B (%.2fx the data), %d of them after"
          + " the cut%n", data, took.toSeconds(), line.connections.get(), carried,
          (double) carried / data, afterCut);
      // Starting over would fetch all the data again after the cut; resuming fetches what B
      // had not stored. Of what crossed before the cut, the reset loses what was in flight
      // (socket buffers, queued responses: up to the request budget), so a quarter is a
      // safe floor of what B kept.
      assertThat(afterCut).as("resumed after the cut instead of fetching everything again")
          .isLessThan(data - beforeCut / 4);
    }
  }

  /** Starts or ends 100% loss on A's link, both directions. */
  private static void cut(boolean on) throws Exception {
    for (String hook : List.of("input", "output")) {
      if (on) {
        mustRun("nft", "add", "rule", "inet", TABLE, "cut-" + hook,
            hook.equals("input") ? "iifname" : "oifname", "ra", "drop");
      } else {
        mustRun("nft", "flush", "chain", "inet", TABLE, "cut-" + hook);
      }
    }
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return "exit 127: " + notInstalled.getMessage();
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    return p.exitValue() == 0 ? out : "exit " + p.exitValue() + ": " + out;
  }

  private static int exit(String... cmd) throws IOException, InterruptedException {
    return run(cmd).startsWith("exit ") ? 1 : 0;
  }

  private static void mustRun(String... cmd) throws IOException, InterruptedException {
    String out = run(cmd);
    if (out.startsWith("exit ")) {
      throw new IOException(String.join(" ", cmd) + " failed, " + out);
    }
  }
}
