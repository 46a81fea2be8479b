package swarmsync.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Syncthing relay ({@code strelaysrv}) on 127.0.0.1, started and stopped by
 * {@code shared/peers/relaysrv.sh}; .ci/run installs the package.
 */
final class Strelaysrv implements AutoCloseable {
  private static final long START_TIMEOUT_S = 120;
  private static final long STOP_TIMEOUT_S = 30;

  private final Path script;
  private final Path pidFile;
  private final Map<String, String> values;

  private Strelaysrv(Path script, Path pidFile, Map<String, String> values) {
    this.script = script;
    this.pidFile = pidFile;
    this.values = values;
  }

  /** Starts strelaysrv, or skips the test if the script or the binary is missing. */
  static Strelaysrv start(Path stateDir) throws Exception {
    Path script = peersDir().resolve("relaysrv.sh");
    Assumptions.assumeTrue(Files.isExecutable(script), "skipped: no " + script);
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/strelaysrv"))
        || "root".equals(System.getProperty("user.name")),
        "skipped: strelaysrv is not installed and this user cannot install it");
    Path pidFile = stateDir.resolve("relay.pid");
    ProcessBuilder builder = new ProcessBuilder(script.toString(), "start", pidFile.toString());
    builder.environment().put("RELAY_HOST", "127.0.0.1");
    builder.environment().put("RELAY_PORT", Integer.toString(Daemon.freePort()));
    builder.environment().put("RELAY_STATUS_PORT", "0");
    Path log = stateDir.resolve("relaysrv-start.log");
    Process process = builder.redirectError(log.toFile()).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError("relaysrv.sh start failed: " + Files.readString(log) + out);
    }
    Map<String, String> values = new HashMap<>();
    for (String line : out.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    return new Strelaysrv(script, pidFile, values);
  }

  /** The relay URI with the relay's id, as strelaysrv prints it. */
  String uri() {
    return values.get("RELAY_URI");
  }

  @Override
  public void close() throws Exception {
    Process process = new ProcessBuilder(script.toString(), "stop", pidFile.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static Path peersDir() {
    String peers = System.getProperty("swarmsync.peers");
    Path dir = peers != null ? Path.of(peers)
        : Launcher.root().resolveSibling("shared").resolve("peers");
    return Files.isDirectory(dir) ? dir : Path.of("/work/shared/peers");
  }
}
