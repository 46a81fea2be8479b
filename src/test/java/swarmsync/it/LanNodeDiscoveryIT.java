package swarmsync.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons in two network namespaces joined by a veth pair (10.89.0.1 and .2, nothing else
 * reachable) find each other by LAN discovery alone and sync a folder. Their REST APIs listen
 * on each namespace's loopback, so status comes from the CLI run inside the namespace.
 */
class LanNodeDiscoveryIT {
  private static final String NS_A = "ssnode-a";
  private static final String NS_B = "ssnode-b";
  private static final long COMMAND_TIMEOUT_S = 20;

  @TempDir Path dir;

  @BeforeEach
  void createLinkedNamespaces() throws Exception {
    Assumptions.assumeTrue("0".equals(output("id", "-u").trim()),
        "LanNodeDiscoveryIT needs root to create network namespaces");
    deleteNamespaces();
    for (String ns : List.of(NS_A, NS_B)) {
      mustRun("ip", "netns", "add", ns);
      mustRun("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
      mustRun("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
      mustRun("ip", "-n", ns, "link", "set", "lo", "up");
    }
    mustRun("ip", "link", "add", "ssnode-va", "netns", NS_A, "type", "veth",
        "peer", "name", "ssnode-vb", "netns", NS_B);
    mustRun("ip", "-n", NS_A, "addr", "add", "10.89.0.1/24", "dev", "ssnode-va");
    mustRun("ip", "-n", NS_B, "addr", "add", "10.89.0.2/24", "dev", "ssnode-vb");
    mustRun("ip", "-n", NS_A, "link", "set", "ssnode-va", "multicast", "on", "up");
    mustRun("ip", "-n", NS_B, "link", "set", "ssnode-vb", "multicast", "on", "up");
  }

  @AfterEach
  void deleteNamespaces() throws Exception {
    for (String ns : List.of(NS_A, NS_B)) {
      run("ip", "netns", "del", ns); // takes its end of the veth pair along
    }
  }

  @Test
  void daemonsInTwoNamespacesFindEachOtherOnTheLan() throws Exception {
    try (DiscoveredPair pair = new DiscoveredPair(dir, new Daemon(dir, "a", NS_A, "10.89.0.1"),
        new Daemon(dir, "b", NS_B, "10.89.0.2"))) {
      pair.startFindAndSync("lan", List.of(), List.of());
    }
  }

  private static int run(StringBuilder out, String... cmd)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    return p.exitValue();
  }

  private static int run(String... cmd) throws IOException, InterruptedException {
    return run(new StringBuilder(), cmd);
  }

  private static void mustRun(String... cmd) throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    int exit = run(out, cmd);
    if (exit != 0) {
      throw new IOException("exit " + exit + " from " + String.join(" ", cmd) + ": " + out);
    }
  }

  private static String output(String... cmd) throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    run(out, cmd);
    return out.toString();
  }
}
