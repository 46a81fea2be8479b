package swarmsync.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import swarmsync.api.ApiServer;
import swarmsync.api.Json;
import swarmsync.config.HomeLayout;

/** Talks to the daemon of one home over its REST API with the home's API key. */
public final class ApiClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ObjectMapper json = Json.mapper();
  private final HttpClient http;
  private final URI base;
  private final String apiKey;

  private ApiClient(URI base, String apiKey, HttpClient http) {
    this.base = base;
    this.apiKey = apiKey;
    this.http = http;
  }

  /** Finds the daemon of {@code home}; fails with a one-line reason if none is running. */
  public static ApiClient forHome(HomeLayout home) throws IOException {
    if (!Files.exists(home.daemonState())) {
      throw new IOException("no daemon is running with home " + home.home());
    }
    DaemonState state = Json.mapper().readValue(home.daemonState().toFile(), DaemonState.class);
    String gui = state.gui();
    int colon = gui.lastIndexOf(':');
    String host = gui.substring(0, colon);
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    String key = Files.readString(home.apiKey()).trim();
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    String scheme = "http";
    if (state.https()) {
      if (state.certSha256() == null) {
        throw new IOException("daemon.json of " + home.home() + " names no certificate for https");
      }
      scheme = "https";
      http.sslContext(PinnedCertificateTrustManager.sslContext(state.certSha256()));
    }
    return new ApiClient(URI.create(scheme + "://" + host + ":" + gui.substring(colon + 1)), key,
        http.build());
  }

  public JsonNode get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public JsonNode post(String path, Object body) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))));
  }

  /** Like {@link #post(String, Object)} for a call that may take up to {@code timeout}. */
  public JsonNode post(String path, Object body, Duration timeout) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), timeout);
  }

  public JsonNode delete(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  public static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException {
    return send(request, TIMEOUT);
  }

  private JsonNode send(HttpRequest.Builder request, Duration timeout) throws IOException {
    HttpRequest built = request.header(ApiServer.API_KEY_HEADER, apiKey).timeout(timeout).build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new IOException("cannot reach the daemon at " + base + " (is it running?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to the daemon", e);
    }
    JsonNode body = response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
    if (response.statusCode() >= 400) {
      String reason = body.hasNonNull("error") ? body.get("error").asText()
          : "HTTP " + response.statusCode();
      throw new IOException(reason);
    }
    return body;
  }
}
