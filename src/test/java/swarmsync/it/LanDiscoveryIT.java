package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link LanProbe} processes in two network namespaces joined by a veth pair (10.88.0.1 and
 * .2, nothing else reachable) find each other by LAN discovery alone.
 */
class LanDiscoveryIT {
  private static final String NS_A = "sslan-a";
  private static final String NS_B = "sslan-b";
  private static final String SHARED_ID = "5151515151515151515151515151515151515151";
  private static final String ONLY_A_ID = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
  private static final int UDP_PORT = 21073;
  /** A probe's life: longer than any wait below, short enough to end on its own. */
  private static final int PROBE_SECONDS = 60;
  /** JVM start in a namespace, on a busy 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  /** From both probes running to both knowing the other: an answer needs well under 1 s. */
  private static final Duration FIND_TIMEOUT = Duration.ofSeconds(3);
  /** Two probe intervals (the next round joins the new interface, the one after is heard). */
  private static final Duration INTERFACE_TIMEOUT = Duration.ofSeconds(2 * 2 + 4);
  private static final long COMMAND_TIMEOUT_S = 20;

  private final List<Process> probes = new ArrayList<>();

  @BeforeAll
  static void createNamespaces() throws Exception {
    boolean root = "0".equals(output("id", "-u").trim());
    Assumptions.assumeTrue(root, "LanDiscoveryIT needs root to create network namespaces");
    Assumptions.assumeTrue(run("ip", "netns", "list") == 0,
        "LanDiscoveryIT needs `ip netns` (iproute2) to create network namespaces");
    deleteNamespaces();
    for (String ns : List.of(NS_A, NS_B)) {
      mustRun("ip", "netns", "add", ns);
      // no duplicate address detection, so the IPv6 link-local address is usable at once
      mustRun("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0");
      mustRun("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0");
      // the JDK decides once, at JVM start, that IPv6 is unavailable if no interface has an
      // IPv6 address; ::1 on lo settles it whatever the veth's link-local address is doing
      mustRun("ip", "-n", ns, "link", "set", "lo", "up");
    }
  }

  @BeforeEach
  void linkNamespaces() throws Exception {
    run("ip", "-n", NS_A, "link", "del", "sslan-va");
    run("ip", "-n", NS_A, "link", "del", "sslan-wa");
    link("sslan-va", "sslan-vb", "10.88.0");
  }

  /** A veth pair between the namespaces, {@code net}.1 in A and {@code net}.2 in B. */
  private static void link(String inA, String inB, String net) throws Exception {
    mustRun("ip", "link", "add", inA, "netns", NS_A, "type", "veth",
        "peer", "name", inB, "netns", NS_B);
    mustRun("ip", "-n", NS_A, "addr", "add", net + ".1/24", "dev", inA);
    mustRun("ip", "-n", NS_B, "addr", "add", net + ".2/24", "dev", inB);
    mustRun("ip", "-n", NS_A, "link", "set", inA, "multicast", "on", "up");
    mustRun("ip", "-n", NS_B, "link", "set", inB, "multicast", "on", "up");
  }

  @AfterAll
  static void deleteNamespaces() throws Exception {
    for (String ns : List.of(NS_A, NS_B)) {
      run("ip", "netns", "del", ns); // takes its end of the veth pair along
    }
  }

  @AfterEach
  void stopProbes() throws Exception {
    for (Process p : probes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void probesInTwoNamespacesFindEachOthersAddressAndPort() throws Exception {
    Set<String> heardByA = startProbe(NS_A, 41001, 1, Set.of(SHARED_ID, ONLY_A_ID));
    Set<String> heardByB = startProbe(NS_B, 41002, 2, Set.of(SHARED_ID));

    await().atMost(START_TIMEOUT).untilAsserted(() -> {
      assertThat(heardByA).contains("READY");
      assertThat(heardByB).contains("READY");
    });
    await().atMost(FIND_TIMEOUT).untilAsserted(() -> {
      assertThat(heardByA).contains("FOUND " + SHARED_ID + " 10.88.0.2 41002 lan");
      assertThat(heardByB).contains("FOUND " + SHARED_ID + " 10.88.0.1 41001 lan");
    });
    // over IPv6 too: the sender's link-local address, scoped to the receiving interface
    await().atMost(FIND_TIMEOUT).untilAsserted(() -> {
      assertThat(heardByA).anyMatch(l -> l.matches("FOUND " + SHARED_ID
          + " fe80:[0-9a-f:]+%\\w+ 41002 lan"));
      assertThat(heardByB).anyMatch(l -> l.matches("FOUND " + SHARED_ID
          + " fe80:[0-9a-f:]+%\\w+ 41001 lan"));
    });
    assertThat(heardByB).noneMatch(l -> l.contains(ONLY_A_ID));
  }

  @Test
  void probesMoveToAnInterfaceThatReplacesTheirOnlyOne() throws Exception {
    Set<String> heardByA = startProbe(NS_A, 41001, 1, Set.of(SHARED_ID));
    Set<String> heardByB = startProbe(NS_B, 41002, 2, Set.of(SHARED_ID));
    await().atMost(START_TIMEOUT).untilAsserted(() ->
        assertThat(heardByA).contains("FOUND " + SHARED_ID + " 10.88.0.2 41002 lan"));

    mustRun("ip", "-n", NS_A, "link", "del", "sslan-va");
    link("sslan-wa", "sslan-wb", "10.88.1");
    await().atMost(INTERFACE_TIMEOUT).untilAsserted(() -> {
      assertThat(heardByA).contains("FOUND " + SHARED_ID + " 10.88.1.2 41002 lan");
      assertThat(heardByB).contains("FOUND " + SHARED_ID + " 10.88.1.1 41001 lan");
    });
  }

  /** Starts a probe in {@code ns}; returns the lines it prints, filled in as they come. */
  private Set<String> startProbe(String ns, int tcpPort, int device, Set<String> ids)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, java,
        "-cp", System.getProperty("java.class.path"), LanProbe.class.getName(),
        Integer.toString(UDP_PORT), Integer.toString(tcpPort), Integer.toString(device),
        String.join(",", ids), Integer.toString(PROBE_SECONDS)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    probes.add(p);
    Set<String> lines = ConcurrentHashMap.newKeySet();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("ERROR " + e);
      }
    }, "lan-probe-out-" + ns);
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** Runs a command to its end; returns its exit status, its output in {@code out}. */
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
