package swarmsync.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The NAT router of {@code ../shared/peers/upnp-router.sh} (miniupnpd: UPnP IGD, NAT-PMP, PCP)
 * in network namespaces that this test creates from inside its own {@code unshare -n}
 * namespace: {@code PREFIX-wan} (10.99.0.1, the internet), {@code PREFIX-rtr} (external
 * 10.99.0.2, gateway 192.168.77.1) and clients {@code PREFIX-cli} (192.168.77.2),
 * {@code PREFIX-cli2} (.3).
 */
final class UpnpRouter implements AutoCloseable {
  /** Upper bound for the script (includes an apt install on a fresh machine). */
  private static final long SCRIPT_TIMEOUT_S = 300;
  /** Upper bound for one command in a namespace. */
  private static final long COMMAND_TIMEOUT_S = 60;

  private final Path script;
  private final Path pidFile;
  private final Map<String, String> env;
  private final Map<String, String> vars;

  private UpnpRouter(Path script, Path pidFile, Map<String, String> env,
      Map<String, String> vars) {
    this.script = script;
    this.pidFile = pidFile;
    this.env = env;
    this.vars = vars;
  }

  /** Brings the router up with namespaces named {@code prefix-*}; skips when not root. */
  static UpnpRouter up(String prefix, int clients, Path dir) throws Exception {
    return up(prefix, clients, dir, "10.99.0");
  }

  /** As above, with the "internet" on {@code wanNet}{@code .0/24} (three octets). */
  static UpnpRouter up(String prefix, int clients, Path dir, String wanNet) throws Exception {
    Assumptions.assumeTrue("0".equals(run(List.of("id", "-u")).trim()),
        "the UPnP router needs root (namespaces, nftables)");
    Path script = DhtCounterpart.peers().resolve("upnp-router.sh");
    Assumptions.assumeTrue(Files.isExecutable(script), "no " + script);
    Path pidFile = dir.resolve("upnp-router.pid");
    Map<String, String> env = Map.of("UPNP_PREFIX", prefix,
        "UPNP_CLIENTS", Integer.toString(clients), "UPNP_WAN_NET", wanNet);
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "up", pidFile.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      Assumptions.assumeFalse(err.contains("installing:") || err.contains("need root to install"),
          "upnp-router.sh could not install its packages: " + err);
      throw new AssertionError("upnp-router.sh up failed: " + out + err);
    }
    Map<String, String> vars = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        vars.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return new UpnpRouter(script, pidFile, env, vars);
  }

  String get(String key) {
    String value = vars.get(key);
    if (value == null) {
      throw new AssertionError("upnp-router.sh printed no " + key + ": " + vars);
    }
    return value;
  }

  /** The command line that runs {@code command} inside namespace {@code ns}. */
  static List<String> in(String ns, String... command) {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    cmd.addAll(List.of(command));
    return cmd;
  }

  /** The router's DNAT rules: miniupnpd's table of mappings as nftables holds it. */
  String natRules() throws Exception {
    return run(in(get("UPNP_ROUTER_NS"), "nft", "list", "chain", "inet", "filter",
        "prerouting_miniupnpd"));
  }

  /** Output of a command that must succeed, stdout and stderr together. */
  static String run(List<String> cmd) throws IOException, InterruptedException {
    return run(cmd, true);
  }

  /** Output of a command that may fail (a probe polled until it succeeds), bounded in time. */
  static String runAnyExit(List<String> cmd) throws IOException, InterruptedException {
    return run(cmd, false);
  }

  private static String run(List<String> cmd, boolean mustSucceed)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    if (mustSucceed && p.exitValue() != 0) {
      throw new AssertionError("exit " + p.exitValue() + " from " + cmd + ": " + out);
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "down", pidFile.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    pb.start().waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS);
  }
}
