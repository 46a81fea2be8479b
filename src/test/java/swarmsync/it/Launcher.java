package swarmsync.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./swarmsync} launcher of this checkout as a separate process. */
final class Launcher {
  /** Upper bound for one CLI command (JVM start plus work). */
  private static final long COMMAND_TIMEOUT_S = 120;

  /** What a finished command printed and returned. */
  record Result(int exit, String out, String err) {
    Result assertOk() {
      if (exit != 0) {
        throw new AssertionError("exit " + exit + ": " + err + out);
      }
      return this;
    }
  }

  static Path root() {
    return Path.of(System.getProperty("swarmsync.root", ".")).toAbsolutePath();
  }

  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(root().resolve("swarmsync").toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(command(args));
  }

  /** Runs a whole command line (e.g. the launcher under {@code ip netns exec}). */
  static Result run(List<String> commandLine) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(commandLine).start();
    p.getOutputStream().close();
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("command timed out: " + commandLine);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** Runs a command with {@code input} as its standard input (e.g. a password). */
  static Result runWithInput(String input, String... args)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command(args)).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("command timed out: " + List.of(args));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  /** Starts a daemon process with its output in {@code log}; callers stop it. */
  static Process startDaemon(Path log, String... args) throws IOException {
    return startDaemonIn(null, log, args);
  }

  /** As {@link #startDaemon}, inside network namespace {@code netns} if not null. */
  static Process startDaemonIn(String netns, Path log, String... args) throws IOException {
    return startDaemonIn(netns, log, Map.of(), args);
  }

  /** As {@link #startDaemonIn(String, Path, String...)}, with {@code env} added. */
  static Process startDaemonIn(String netns, Path log, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns));
    }
    cmd.addAll(command("daemon"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
