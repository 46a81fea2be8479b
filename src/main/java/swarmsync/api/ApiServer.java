package swarmsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import swarmsync.config.ConfigException;
import swarmsync.util.DurationText;

/**
 * The daemon's REST API and metrics over HTTP. Every route under {@code /rest} and
 * {@code /metrics} requires the API key in the {@code X-API-Key} header.
 */
public final class ApiServer implements AutoCloseable {
  public static final String API_KEY_HEADER = "X-API-Key";

  private final NodeControl node;
  private final byte[] apiKey;
  private final ObjectMapper json = Json.mapper();
  private final Javalin app;

  public ApiServer(NodeControl node, String apiKey) {
    this.node = node;
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, false));
    });
    routes();
  }

  private void routes() {
    app.beforeMatched(this::authenticate);
    app.get("/rest/status", ctx -> ctx.json(node.status()));
    app.get("/rest/folders", ctx -> ctx.json(node.folders()));
    app.post("/rest/folders", this::addFolder);
    app.delete("/rest/folders", ctx -> {
      node.removeFolder(required(ctx.queryParam("path"), "path"),
          "true".equals(ctx.queryParam("delete_files")));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    app.post("/rest/folders/rescan", ctx -> {
      node.rescan(required(ctx.queryParam("path"), "path"));
      ctx.status(HttpStatus.ACCEPTED);
    });
    app.get("/rest/folders/archive", ctx ->
        ctx.json(node.archive(required(ctx.queryParam("path"), "path"))));
    app.post("/rest/folders/archive/restore", ctx -> {
      JsonNode body = json.readTree(ctx.body());
      String restored = node.restore(required(text(body, "path"), "path"),
          required(text(body, "archived"), "archived"));
      ctx.json(Map.of("restored", restored));
    });
    app.get("/rest/invites", ctx -> ctx.json(node.invites()));
    app.post("/rest/invites", this::createInvite);
    app.post("/rest/invites/accept", this::acceptInvite);
    app.delete("/rest/invites", ctx ->
        ctx.json(node.revokeInvite(required(ctx.queryParam("id"), "id"))));
    app.post("/rest/system/shutdown", ctx -> {
      ctx.status(HttpStatus.ACCEPTED).json(Map.of("stopping", true));
      node.shutdown();
    });
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4")
        .result(Metrics.render(node.status())));
    app.exception(ConfigException.class, (e, ctx) ->
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    app.exception(IllegalArgumentException.class, (e, ctx) ->
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", e.getMessage())));
    app.exception(java.io.IOException.class, (e, ctx) ->
        ctx.status(HttpStatus.CONFLICT).json(Map.of("error", String.valueOf(e.getMessage()))));
  }

  private void addFolder(Context ctx) throws Exception {
    JsonNode body = json.readTree(ctx.body());
    List<String> peers = new ArrayList<>();
    if (body.has("peers")) {
      body.get("peers").forEach(p -> peers.add(p.asText()));
    }
    FolderView added = node.addFolder(required(text(body, "path"), "path"),
        required(text(body, "key"), "key"), peers);
    ctx.status(HttpStatus.CREATED).json(added);
  }

  /** {"path", "read_only", "expires": "24h"}: 201 with the invite and its key. */
  private void createInvite(Context ctx) throws Exception {
    JsonNode body = json.readTree(ctx.body());
    String expires = text(body, "expires");
    InviteView created = node.createInvite(required(text(body, "path"), "path"),
        body.path("read_only").asBoolean(false),
        expires == null ? Duration.ofHours(24) : DurationText.parse(expires));
    ctx.status(HttpStatus.CREATED).json(created);
  }

  /** {"key", "path", "peers", "timeout": "60s"}: 201 with the folder once the key is granted. */
  private void acceptInvite(Context ctx) throws Exception {
    JsonNode body = json.readTree(ctx.body());
    List<String> peers = new ArrayList<>();
    body.path("peers").forEach(p -> peers.add(p.asText()));
    String timeout = text(body, "timeout");
    FolderView added = node.acceptInvite(required(text(body, "key"), "key"),
        required(text(body, "path"), "path"), peers,
        timeout == null ? Duration.ofSeconds(60) : DurationText.parse(timeout));
    ctx.status(HttpStatus.CREATED).json(added);
  }

  private void authenticate(Context ctx) {
    String given = ctx.header(API_KEY_HEADER);
    if (given == null
        || !MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "missing or wrong API key"));
      ctx.skipRemainingHandlers();
    }
  }

  private static String text(JsonNode body, String field) {
    return body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  /** Starts serving; returns the address actually bound (port 0 picks a free port). */
  public InetSocketAddress start(InetSocketAddress address) {
    app.start(address.getHostString(), address.getPort());
    return new InetSocketAddress(address.getHostString(), app.port());
  }

  @Override
  public void close() {
    app.stop();
  }
}
