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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** A real daemon process of ours on loopback, with its home, its ports and its REST API. */
final class Daemon implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String name;
  final Path home;
  final int port;
  private final Path log;
  private Process process;

  Daemon(Path dir, String name) throws IOException {
    this.name = name;
    this.home = dir.resolve(name + "-home");
    this.log = dir.resolve(name + ".log");
    this.port = freePort();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  void addFolder(String key, Path folder) throws Exception {
    Launcher.run("folder", "add", "--home", home.toString(), "--key", key, folder.toString())
        .assertOk();
  }

  /** Starts the daemon with manual peers only and waits until its API answers. */
  Daemon start(Daemon... peers) throws Exception {
    Files.deleteIfExists(home.resolve("daemon.json"));
    List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--listen",
        address(), "--gui", "127.0.0.1:0", "--no-lan", "--no-dht", "--no-tracker", "--no-upnp",
        "--no-relay"));
    for (Daemon peer : peers) {
      args.add("--peer");
      args.add(peer.address());
    }
    process = Launcher.startDaemon(log, args.toArray(String[]::new));
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
