package swarmsync.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
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
 * A real Mainline DHT node started by a {@code ../shared/peers/dht-*.sh} script (aria2 on
 * loopback, transmission in a namespace), and {@code btprobe.py} to query it independently.
 */
final class DhtCounterpart implements AutoCloseable {
  /** Upper bound for a script start (includes an apt install on a fresh machine). */
  private static final long SCRIPT_TIMEOUT_S = 300;
  /** Upper bound for one btprobe query (two tries of 3 s each, plus Python start). */
  private static final long PROBE_TIMEOUT_S = 30;

  private final Path script;
  private final Path pidFile;
  private final Map<String, String> vars;

  private DhtCounterpart(Path script, Path pidFile, Map<String, String> vars) {
    this.script = script;
    this.pidFile = pidFile;
    this.vars = vars;
  }

  static Path peers() {
    return Launcher.root().resolve("../shared/peers").normalize();
  }

  /**
   * Runs {@code script start}; skips the calling test when not root or when the script could not
   * install its package, fails it on any other error.
   */
  static DhtCounterpart start(String script, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(isRoot(), script + " needs root (namespaces, apt); skipping");
    Path path = peers().resolve(script);
    Assumptions.assumeTrue(Files.isExecutable(path), "no " + path + "; skipping");
    Path pidFile = dir.resolve(script + ".pid");
    ProcessBuilder pb = new ProcessBuilder(path.toString(), "start", pidFile.toString())
        .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("DHT_STOP_WITH_PID", Long.toString(ProcessHandle.current().pid()));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " start timed out: " + out);
    }
    boolean installFailed = out.contains("installing:") && p.exitValue() != 0
        || out.contains("need root to install");
    Assumptions.assumeFalse(installFailed, script + " could not install its package: " + out);
    if (p.exitValue() != 0) {
      throw new AssertionError(script + " start failed (exit " + p.exitValue() + "): " + out);
    }
    Map<String, String> vars = new HashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("DHT_") && eq > 0) {
        vars.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return new DhtCounterpart(path, pidFile, vars);
  }

  /** The real node's UDP address (DHT_NODE). */
  InetSocketAddress node() {
    String[] hostPort = vars.get("DHT_NODE").split(":");
    return new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
  }

  String get(String key) {
    return vars.get(key);
  }

  /** Runs {@code btprobe.py krpc NODE get_peers} from a fresh socket on {@code bindIp}. */
  String probeGetPeers(String hexHash, String bindIp) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("python3",
        peers().resolve("tools/btprobe.py").toString(), "krpc", get("DHT_NODE"), "get_peers",
        "--hash", hexHash, "--bind", bindIp + ":0"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("btprobe timed out");
    }
    return out;
  }

  /** A UDP port free on 127.0.0.1 right now. */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(script.toString(), "stop", pidFile.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    p.waitFor(60, TimeUnit.SECONDS);
  }

  private static boolean isRoot() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    return out.equals("0");
  }
}
