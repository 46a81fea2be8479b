package swarmsync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import swarmsync.config.ConfigException;
import swarmsync.config.PasswordFile;
import swarmsync.keys.FolderKey;
import swarmsync.util.DurationText;

/**
 * The daemon's REST API, server-sent events, metrics and web interface over HTTP. Every route
 * under {@code /rest} (but the login) and {@code /metrics} requires the API key in the
 * {@code X-API-Key} header or a browser session; see {@link WebAuth}. The web interface's
 * static files under {@code /} are public: they hold no data. Given an SSLContext, it serves
 * HTTPS only (TLS 1.3 and 1.2) and no plain HTTP.
 */
public final class ApiServer implements AutoCloseable {
  public static final String API_KEY_HEADER = WebAuth.API_KEY_HEADER;
  /** Security headers on every answer: no framing, no sniffing, scripts from here only. */
  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
          + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      "X-Frame-Options", "DENY",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "same-origin",
      "Cache-Control", "no-store");

  private final NodeControl node;
  private final PasswordFile password;
  private final WebAuth auth;
  private final ObjectMapper json = Json.mapper();
  private final EventStream events;
  /** TLS protocols of the HTTPS web interface: 1.2 for older browsers, nothing older. */
  private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private final Javalin app;
  private volatile InetSocketAddress bindTo;

  /** An API whose browser logins use the home's password, or the API key while none is set. */
  public ApiServer(NodeControl node, String apiKey, PasswordFile password) {
    this(node, apiKey, password, null);
  }

  /** As above; with a non-null {@code tls} context the API is served over HTTPS only. */
  public ApiServer(NodeControl node, String apiKey, PasswordFile password, SSLContext tls) {
    this.node = node;
    this.password = password;
    Clock clock = Clock.systemUTC();
    this.auth = new WebAuth(apiKey, password, new Sessions(clock), new LoginThrottle(clock));
    this.events = new EventStream(node::status, json);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(json, false));
      config.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/swarmsync/web";
        files.location = Location.CLASSPATH;
        files.headers = SECURITY_HEADERS;
      });
      if (tls != null) {
        config.jetty.addConnector((server, httpConfig) -> httpsConnector(server, httpConfig, tls));
      }
    });
    routes();
  }

  private void routes() {
    app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
    app.beforeMatched(auth::check);
    app.post("/rest/login", ctx -> auth.login(ctx, text(json.readTree(ctx.body()), "password")));
    app.post("/rest/logout", auth::logout);
    app.get("/rest/session", auth::session);
    app.post("/rest/password", this::changePassword);
    app.get("/rest/status", ctx -> ctx.json(node.status()));
    app.get("/rest/peers", ctx -> ctx.json(peers(node.status())));
    app.sse("/rest/events", events::subscribe);
    folderRoutes();
    app.post("/rest/keys/new", ctx ->
        ctx.json(Map.of("key", FolderKey.newReadWrite(new SecureRandom()).encode())));
    app.get("/rest/settings", ctx -> ctx.json(node.settings()));
    app.put("/rest/settings", this::updateSettings);
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
    app.exception(com.fasterxml.jackson.core.JsonProcessingException.class, (e, ctx) ->
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "request body is not JSON")));
    app.exception(java.io.IOException.class, (e, ctx) ->
        ctx.status(HttpStatus.CONFLICT).json(Map.of("error", String.valueOf(e.getMessage()))));
  }

  private void folderRoutes() {
    app.get("/rest/folders/local-changes", ctx -> ctx.json(node.localChanges(path(ctx))));
    app.post("/rest/folders/revert", ctx ->
        ctx.json(node.revert(required(text(json.readTree(ctx.body()), "path"), "path"))));
    app.get("/rest/folders/keys", ctx -> ctx.json(node.keys(path(ctx))));
    app.get("/rest/folders", ctx -> ctx.json(node.folders()));
    app.post("/rest/folders", this::addFolder);
    app.delete("/rest/folders", ctx -> {
      node.removeFolder(path(ctx), "true".equals(ctx.queryParam("delete_files")));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    app.post("/rest/folders/rescan", ctx -> {
      node.rescan(path(ctx));
      ctx.status(HttpStatus.ACCEPTED);
    });
    app.post("/rest/folders/pause", ctx -> {
      node.pause(path(ctx));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    app.post("/rest/folders/resume", ctx -> {
      node.resume(path(ctx));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    app.get("/rest/folders/conflicts", ctx -> ctx.json(node.conflicts(path(ctx))));
    app.get("/rest/folders/archive", ctx -> ctx.json(node.archive(path(ctx))));
    app.post("/rest/folders/archive/restore", ctx -> {
      JsonNode body = json.readTree(ctx.body());
      String restored = node.restore(required(text(body, "path"), "path"),
          required(text(body, "archived"), "archived"));
      ctx.json(Map.of("restored", restored));
    });
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

  private void updateSettings(Context ctx) throws Exception {
    JsonNode body = json.readTree(ctx.body());
    JsonNode discovery = body.path("discovery");
    ctx.json(node.updateSettings(flag(discovery, "lan"), flag(discovery, "tracker"),
        flag(discovery, "dht"), text(body, "listen")));
  }

  private void changePassword(Context ctx) throws Exception {
    JsonNode body = json.readTree(ctx.body());
    String current = required(text(body, "current"), "current");
    String next = required(text(body, "new"), "new");
    if (!auth.passwordMatches(current)) {
      ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "the current password is wrong"));
      return;
    }
    password.set(next.toCharArray());
    auth.endAllSessions();
    ctx.json(Map.of("changed", true));
  }

  /** Every connected peer of every folder, one row each. */
  static List<Map<String, Object>> peers(StatusView status) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FolderStatusView f : status.folders()) {
      for (PeerView p : f.peers()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("folder_path", f.path());
        row.put("folder_id", f.folderId());
        row.put("device_id", p.deviceId());
        row.put("address", p.address());
        row.put("connection", p.connection());
        row.put("found_by", p.foundBy());
        row.put("bytes_in", p.bytesIn());
        row.put("bytes_out", p.bytesOut());
        row.put("index_complete", p.indexComplete());
        rows.add(row);
      }
    }
    return rows;
  }

  private static Boolean flag(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false");
    }
    return value.asBoolean();
  }

  private static String path(Context ctx) {
    return required(ctx.queryParam("path"), "path");
  }

  private static String text(JsonNode body, String field) {
    return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value;
  }

  /** The only connector when TLS is on: HTTPS on the address given to {@link #start}. */
  private ServerConnector httpsConnector(org.eclipse.jetty.server.Server server,
      org.eclipse.jetty.server.HttpConfiguration httpConfig, SSLContext tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls);
    ssl.setIncludeProtocols(TLS_PROTOCOLS);
    // The device certificate names no host (CN=swarmsync, no SAN): no SNI host check.
    httpConfig.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(httpConfig));
    connector.setHost(bindTo.getHostString());
    connector.setPort(bindTo.getPort());
    return connector;
  }

  /** Starts serving; returns the address actually bound (port 0 picks a free port). */
  public InetSocketAddress start(InetSocketAddress address) {
    bindTo = address;
    app.start(address.getHostString(), address.getPort());
    events.start();
    return new InetSocketAddress(address.getHostString(), app.port());
  }

  @Override
  public void close() {
    events.close();
    app.stop();
  }
}
