package swarmsync.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * A real opentracker on 127.0.0.1, started and stopped by {@code shared/peers/opentracker.sh}
 * (which installs the Debian package if it is missing); whitelists the given info_hashes.
 */
final class Opentracker implements AutoCloseable {
  /** 180 s: a first run installs the package with apt-get. */
  private static final long START_TIMEOUT_S = 180;
  private static final long STOP_TIMEOUT_S = 30;

  private final Path script;
  private final Path pidFile;
  private final Map<String, String> values;

  private Opentracker(Path script, Path pidFile, Map<String, String> values) {
    this.script = script;
    this.pidFile = pidFile;
    this.values = values;
  }

  /**
   * Starts opentracker, or aborts the test (skip) if the script cannot run here at all: no
   * script, or opentracker not installed and no root or no apt-get to install it.
   */
  static Opentracker start(Path stateDir, String... infoHashesHex) throws Exception {
    Path script = script();
    Assumptions.assumeTrue(Files.isExecutable(script),
        "skipped: opentracker script not found at " + script);
    boolean installed = onPath("opentracker");
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(installed || root && onPath("apt-get"),
        "skipped: opentracker is not installed and this user cannot install it (needs root"
            + " and apt-get); CI runs as root");
    Path pidFile = stateDir.resolve("ot.pid");
    List<String> command = new ArrayList<>(List.of(script.toString(), "start",
        pidFile.toString()));
    command.addAll(List.of(infoHashesHex));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("OT_HOST", "127.0.0.1");
    builder.environment().put("OT_PORT", Integer.toString(freePort()));
    Path log = stateDir.resolve("opentracker-start.log");
    Process process = builder.redirectError(log.toFile()).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("opentracker.sh start took over " + START_TIMEOUT_S + " s");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("opentracker.sh start exited " + process.exitValue() + ": "
          + Files.readString(log) + out);
    }
    Map<String, String> values = new HashMap<>();
    for (String line : out.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    return new Opentracker(script, pidFile, values);
  }

  String httpUrl() {
    return values.get("TRACKER_URL");
  }

  String udpUrl() {
    return values.get("UDP_TRACKER_URL");
  }

  @Override
  public void close() throws Exception {
    Process process = new ProcessBuilder(script.toString(), "stop", pidFile.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** {@code shared/peers/opentracker.sh}: property swarmsync.peers, or beside the checkout. */
  private static Path script() {
    String peers = System.getProperty("swarmsync.peers");
    Path dir = peers != null ? Path.of(peers)
        : Launcher.root().resolveSibling("shared").resolve("peers");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("/work/shared/peers");
    }
    return dir.resolve("opentracker.sh");
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", program))
        || Files.isExecutable(Path.of("/usr/bin", program));
  }

  /** A port number free for TCP and UDP on loopback right now. */
  private static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, loopback);
          DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback,
              tcp.getLocalPort()))) {
        return tcp.getLocalPort();
      } catch (IOException e) {
        // taken for UDP; try another
      }
    }
    throw new IOException("no port free for both TCP and UDP on loopback after 20 tries");
  }
}
