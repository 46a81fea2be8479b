package swarmsync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A real daemon process of ours, with its home, its ports and its REST API: on loopback, or in
 * a network namespace of the test's (then its status comes through the CLI run in there, as
 * the API listens on the namespace's loopback).
 */
final class Daemon implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Discovery methods, each off by default through its {@code --no-*} flag. */
  static final List<String> DISCOVERY = List.of("lan", "dht", "tracker");
  /** Log line of the first peer connection (ConnectionManager). */
  private static final Pattern CONNECTED = Pattern.compile(
      "(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* connected to ");
  /** Log line of the daemon listening for peers: its start, JVM start aside. */
  private static final Pattern LISTENING = Pattern.compile(
      "(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* listening for peers on ");

  final String name;
  final Path home;
  final int port;
  private final String host;
  private final String netns;
  private final Path log;
  private Process process;
  private long launchedNanos;
  private Map<String, String> environment = Map.of();

  Daemon(Path dir, String name) throws IOException {
    this(dir, name, null, "127.0.0.1");
  }

  /** A daemon run with {@code ip netns exec netns}, listening on {@code host}. */
  Daemon(Path dir, String name, String netns, String host) throws IOException {
    this(dir, name, netns, host, freePort());
  }

  /** As above, listening on {@code port}. */
  Daemon(Path dir, String name, String netns, String host, int port) {
    this.name = name;
    this.home = dir.resolve(name + "-home");
    this.log = dir.resolve(name + ".log");
    this.port = port;
    this.netns = netns;
    this.host = host;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Adds {@code env} to the daemon's environment from its next start on. */
  Daemon withEnvironment(Map<String, String> env) {
    this.environment = Map.copyOf(env);
    return this;
  }

  String address() {
    return host + ":" + port;
  }

  void addFolder(String key, Path folder) throws Exception {
    Launcher.run("folder", "add", "--home", home.toString(), "--key", key, folder.toString())
        .assertOk();
  }

  /** Starts the daemon with manual peers only and waits until its API answers. */
  Daemon start(Daemon... peers) throws Exception {
    return start(Set.of(), List.of(), peers);
  }

  /**
   * Starts the daemon with the discovery methods in {@code on} (of {@link #DISCOVERY}, and
   * {@code upnp} for port mapping) left on,
   * {@code flags} added to its command line, and manual peers; waits until its API answers.
   */
  Daemon start(Set<String> on, List<String> flags, Daemon... peers) throws Exception {
    Files.deleteIfExists(home.resolve("daemon.json"));
    List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--listen",
        address(), "--gui", "127.0.0.1:0"));
    if (!on.contains("upnp")) {
      args.add("--no-upnp");
    }
    if (!flags.contains("--relay")) {
      args.add("--no-relay");
    }
    for (String method : DISCOVERY) {
      if (!on.contains(method)) {
        args.add("--no-" + method);
      }
    }
    args.addAll(flags);
    for (Daemon peer : peers) {
      args.add("--peer");
      args.add(peer.address());
    }
    launchedNanos = System.nanoTime();
    process = Launcher.startDaemonIn(netns, log, environment, args.toArray(String[]::new));
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(home.resolve("daemon.json")) || !process.isAlive());
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited at start: " + Files.readString(log));
    }
    return this;
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  JsonNode status() throws Exception {
    if (netns != null) {
      List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
      cmd.addAll(Launcher.command("status", "--home", home.toString(), "--json"));
      return JSON.readTree(Launcher.run(cmd).assertOk().out());
    }
    JsonNode state = JSON.readTree(home.resolve("daemon.json").toFile());
    String key = Files.readString(home.resolve("api-key")).trim();
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://" + state.get("gui").asText() + "/rest/status"))
        .header("X-API-Key", key).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("status answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  JsonNode folderStatus() throws Exception {
    return status().get("folders").get(0);
  }

  /** The {@code found_by} of the first peer of the first folder; fails if it has none. */
  String foundBy() throws Exception {
    return folderStatus().get("peers").get(0).get("found_by").asText();
  }

  /**
   * Waits for the first peer connection in the log; returns the time from launching the
   * process to it and the time from the daemon listening to it (so without JVM start-up).
   */
  Duration[] awaitFirstConnection(Duration timeout) {
    String text = Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(this::log, l -> CONNECTED.matcher(l).find());
    long launchToConnect = System.nanoTime() - launchedNanos;
    Matcher connected = CONNECTED.matcher(text);
    Matcher listening = LISTENING.matcher(text);
    connected.find();
    Duration fromListening = listening.find() ? Duration.between(
        LocalTime.parse(listening.group(1)), LocalTime.parse(connected.group(1))) : null;
    return new Duration[] {Duration.ofNanos(launchToConnect), fromListening};
  }

  /** Kills the process at once, as a crash or power cut would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
