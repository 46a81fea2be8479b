package swarmsync.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces that play the internet and two homes behind NAT routers without port
 * mapping, private addresses only:
 *
 * <pre>
 *   home1 192.168.71.2 -- router1 (masquerade) 10.201.1.2 --+
 *                                                            inet: 10.201.1.1, 10.201.2.1,
 *   home2 192.168.72.2 -- router2 (masquerade) 10.201.2.2 --+       relays at 10.201.0.1
 * </pre>
 *
 * Each router forwards from its home outward and only answers (conntrack established) inward,
 * so neither home can be reached from outside; inet has no route to the homes at all.
 */
final class RelayTopology implements AutoCloseable {
  /** The internet's own address, where relays listen. */
  static final String RELAY_IP = "10.201.0.1";
  private static final long COMMAND_TIMEOUT_S = 20;

  final String inet;
  final String home1;
  final String home2;
  private final String prefix;
  private final List<String> namespaces = new ArrayList<>();

  private RelayTopology(String prefix) {
    this.prefix = prefix;
    this.inet = prefix + "-inet";
    this.home1 = prefix + "-h1";
    this.home2 = prefix + "-h2";
  }

  /** Builds the namespaces; a random prefix keeps parallel runs apart. */
  static RelayTopology create() throws Exception {
    RelayTopology t = new RelayTopology(String.format("ssr%03x",
        ThreadLocalRandom.current().nextInt(0x1000)));
    try {
      t.build();
      return t;
    } catch (Exception e) {
      t.close();
      throw e;
    }
  }

  private void build() throws Exception {
    String r1 = prefix + "-r1";
    String r2 = prefix + "-r2";
    for (String ns : List.of(inet, r1, r2, home1, home2)) {
      must("ip", "netns", "add", ns);
      namespaces.add(ns);
      must("ip", "-n", ns, "link", "set", "lo", "up");
    }
    must("ip", "-n", inet, "addr", "add", RELAY_IP + "/32", "dev", "lo");
    for (int i = 1; i <= 2; i++) {
      String router = i == 1 ? r1 : r2;
      String home = i == 1 ? home1 : home2;
      link(inet, prefix + "i" + i, "10.201." + i + ".1/24", router, prefix + "w" + i,
          "10.201." + i + ".2/24");
      link(router, prefix + "l" + i, "192.168.7" + i + ".1/24", home, prefix + "h" + i,
          "192.168.7" + i + ".2/24");
      must("ip", "-n", router, "route", "add", "default", "via", "10.201." + i + ".1");
      must("ip", "-n", home, "route", "add", "default", "via", "192.168.7" + i + ".1");
      must("ip", "netns", "exec", router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
      String wan = prefix + "w" + i;
      must("ip", "netns", "exec", router, "nft", String.join("\n",
          "table ip nat {",
          "  chain postrouting { type nat hook postrouting priority 100; ",
          "    oifname \"" + wan + "\" masquerade; }",
          "}",
          "table ip filter {",
          "  chain forward { type filter hook forward priority 0; policy drop;",
          "    ct state established,related accept;",
          "    iifname \"" + prefix + "l" + i + "\" accept; }",
          "}"));
    }
  }

  /** Joins {@code nsA} and {@code nsB} by a veth pair with the given names and addresses. */
  static void link(String nsA, String ifA, String ipA, String nsB, String ifB, String ipB)
      throws Exception {
    must("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB,
        "netns", nsB);
    must("ip", "-n", nsA, "addr", "add", ipA, "dev", ifA);
    must("ip", "-n", nsB, "addr", "add", ipB, "dev", ifB);
    must("ip", "-n", nsA, "link", "set", ifA, "up");
    must("ip", "-n", nsB, "link", "set", ifB, "up");
  }

  /** Whether {@code ip} answers a TCP connect on {@code port} from namespace {@code ns}. */
  boolean tcpReachable(String ns, String ip, int port) throws Exception {
    return run(new StringBuilder(), "ip", "netns", "exec", ns, "timeout", "3", "bash", "-c",
        "exec 3<>/dev/tcp/" + ip + "/" + port) == 0;
  }

  @Override
  public void close() throws Exception {
    for (String ns : namespaces) {
      run(new StringBuilder(), "ip", "netns", "del", ns);
    }
  }

  static void must(String... cmd) throws IOException, InterruptedException {
    StringBuilder out = new StringBuilder();
    int exit = run(out, cmd);
    if (exit != 0) {
      throw new IOException("exit " + exit + " from " + String.join(" ", cmd) + ": " + out);
    }
  }

  static int run(StringBuilder out, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", cmd));
    }
    return p.exitValue();
  }
}
