package swarmsync.api;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import swarmsync.config.PasswordFile;

/**
 * Who may use the API: the CLI with the home's API key in {@code X-API-Key}, or a browser with
 * a session cookie from {@code POST /rest/login}. State-changing requests are refused when
 * they come from another origin (Origin, else Referer, must name this server), and a session's
 * must repeat its CSRF token in {@code X-CSRF-Token}. Failed logins are throttled per client
 * address. Nothing here logs a secret.
 */
final class WebAuth {
  static final String API_KEY_HEADER = "X-API-Key";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String SESSION_COOKIE = "swarmsync_session";
  private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD,
      HandlerType.OPTIONS);

  private final byte[] apiKey;
  private final PasswordFile password;
  private final Sessions sessions;
  private final LoginThrottle throttle;

  WebAuth(String apiKey, PasswordFile password, Sessions sessions, LoginThrottle throttle) {
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
    this.password = password;
    this.sessions = sessions;
    this.throttle = throttle;
  }

  /** Before every API route: lets the request through or answers 401/403 and stops it. */
  void check(Context ctx) {
    if (!ctx.path().startsWith("/rest/") && !ctx.path().equals("/metrics")) {
      return;
    }
    boolean changes = !SAFE.contains(ctx.method());
    if (changes && !sameOrigin(ctx, false)) {
      refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin request refused");
      return;
    }
    if (ctx.path().equals("/rest/login")) {
      return;
    }
    if (apiKeyMatches(ctx.header(API_KEY_HEADER))) {
      return;
    }
    Optional<Sessions.Session> session = sessions.use(ctx.cookie(SESSION_COOKIE));
    if (session.isEmpty()) {
      refuse(ctx, HttpStatus.UNAUTHORIZED, "log in or send the API key");
      return;
    }
    if (changes && !sameOrigin(ctx, true)) {
      refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin request refused");
      return;
    }
    if (changes && !constantEquals(session.get().csrf(), ctx.header(CSRF_HEADER))) {
      refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token");
    }
  }

  /** {@code POST /rest/login {"password": "..."}}: a session cookie and its CSRF token. */
  void login(Context ctx, String given) throws IOException {
    String client = ctx.ip();
    Duration wait = throttle.waitFor(client);
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      ctx.header("Retry-After", String.valueOf(seconds));
      ctx.status(HttpStatus.TOO_MANY_REQUESTS)
          .json(Map.of("error", "too many failed logins; try again in " + seconds + " s"));
      return;
    }
    if (given == null || !passwordMatches(given)) {
      throttle.failed(client);
      ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "wrong password"));
      return;
    }
    throttle.succeeded(client);
    Sessions.Session session = sessions.create();
    ctx.cookie(cookie(ctx, session.token(), (int) Sessions.LIFETIME.toSeconds()));
    ctx.json(Map.of("csrf_token", session.csrf()));
  }

  /** {@code GET /rest/session}: the CSRF token of the caller's session (for a reloaded page). */
  void session(Context ctx) {
    Optional<Sessions.Session> session = sessions.use(ctx.cookie(SESSION_COOKIE));
    if (session.isPresent()) {
      ctx.json(Map.of("csrf_token", session.get().csrf(), "password_set", password.isSet()));
    } else {
      ctx.json(Map.of("api_key", true));
    }
  }

  void logout(Context ctx) {
    sessions.end(ctx.cookie(SESSION_COOKIE));
    ctx.cookie(cookie(ctx, "", 0));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** True when {@code given} is the password, or the API key while no password is set. */
  boolean passwordMatches(String given) throws IOException {
    if (password.isSet()) {
      return password.matches(given.toCharArray());
    }
    return apiKeyMatches(given);
  }

  /** After a password change: every browser logs in again. */
  void endAllSessions() {
    sessions.endAll();
  }

  private boolean apiKeyMatches(String given) {
    return given != null
        && MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8));
  }

  private static Cookie cookie(Context ctx, String value, int maxAge) {
    boolean secure = "https".equals(ctx.scheme());
    return new Cookie(SESSION_COOKIE, value, "/", maxAge, secure, 0, true, null, null,
        SameSite.STRICT);
  }

  /**
   * True when the request names this server as its origin. With {@code required}, a request
   * that names none (neither Origin nor Referer) is refused too; without it (API key clients,
   * logins from curl) only a foreign origin is.
   */
  private static boolean sameOrigin(Context ctx, boolean required) {
    String host = ctx.header("Host");
    String origin = ctx.header("Origin");
    String referer = ctx.header("Referer");
    String named = origin != null && !origin.equals("null") ? origin
        : referer != null ? referer : origin;
    if (named == null) {
      return !required;
    }
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(named);
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host)
          && (uri.getScheme().equals("http") || uri.getScheme().equals("https"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean constantEquals(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(Context ctx, HttpStatus status, String reason) {
    ctx.status(status).json(Map.of("error", reason));
    ctx.skipRemainingHandlers();
  }
}
