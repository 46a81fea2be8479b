package swarmsync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.config.DaemonOptions;
import swarmsync.config.HomeLayout;
import swarmsync.config.PasswordFile;
import swarmsync.node.Node;

/**
 * The API's doors, tried with a real HTTP client against a real node on loopback: every route
 * refuses strangers, browsers need a session, CSRF token and their own origin to change
 * anything, and password guessing is slowed down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiSecurityTest {
  private static final String PASSWORD = "a long enough password";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every route but the login: method and path. */
  private static final List<String[]> ROUTES = List.of(
      new String[] {"GET", "/rest/status"}, new String[] {"GET", "/rest/peers"},
      new String[] {"GET", "/rest/events"}, new String[] {"GET", "/rest/folders"},
      new String[] {"POST", "/rest/folders"}, new String[] {"DELETE", "/rest/folders?path=/x"},
      new String[] {"POST", "/rest/folders/rescan?path=/x"},
      new String[] {"POST", "/rest/folders/pause?path=/x"},
      new String[] {"POST", "/rest/folders/resume?path=/x"},
      new String[] {"GET", "/rest/folders/conflicts?path=/x"},
      new String[] {"GET", "/rest/folders/archive?path=/x"},
      new String[] {"POST", "/rest/folders/archive/restore"},
      new String[] {"GET", "/rest/folders/local-changes?path=/x"},
      new String[] {"POST", "/rest/folders/revert"},
      new String[] {"GET", "/rest/folders/keys?path=/x"},
      new String[] {"GET", "/rest/invites"}, new String[] {"POST", "/rest/invites"},
      new String[] {"DELETE", "/rest/invites?id=abcd"},
      new String[] {"POST", "/rest/invites/accept"},
      new String[] {"POST", "/rest/keys/new"}, new String[] {"GET", "/rest/settings"},
      new String[] {"PUT", "/rest/settings"}, new String[] {"POST", "/rest/password"},
      new String[] {"POST", "/rest/logout"}, new String[] {"POST", "/rest/system/shutdown"},
      new String[] {"GET", "/metrics"});

  @TempDir static Path dir;
  private static Node node;
  private static String base;
  private static String apiKey;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startNode() throws Exception {
    HomeLayout home = new HomeLayout(dir.resolve("home")).create();
    new PasswordFile(home).set(PASSWORD.toCharArray());
    node = Node.start(new DaemonOptions(home, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), List.of(), false, false, false, false, false,
        List.of(), List.of(), List.of(), null, null, Duration.ofHours(1)));
    JsonNode state = JSON.readTree(home.daemonState().toFile());
    base = "http://" + state.get("gui").asText();
    apiKey = Files.readString(home.apiKey()).trim();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void everyRouteRefusesARequestWithoutKeyOrSession() throws Exception {
    for (String[] route : ROUTES) {
      HttpResponse<String> r = send(request(route[0], route[1]).header("Origin", base));
      assertThat(r.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
      assertThat(r.body()).doesNotContain("device_id");
    }
  }

  @Test
  void everyRouteRefusesAWrongApiKeyAndASessionCookieThatWasNeverIssued() throws Exception {
    for (String[] route : ROUTES) {
      assertThat(send(request(route[0], route[1]).header("X-API-Key", apiKey + "x"))
          .statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
      assertThat(send(request(route[0], route[1]).header("Origin", base)
          .header("Cookie", "swarmsync_session=forged")).statusCode())
          .as(route[0] + " " + route[1]).isEqualTo(401);
    }
  }

  @Test
  void theApiKeyStillWorksForTheCli() throws Exception {
    HttpResponse<String> r = send(request("GET", "/rest/status").header("X-API-Key", apiKey));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).has("device_id")).isTrue();
    HttpResponse<String> key = send(request("POST", "/rest/keys/new")
        .header("X-API-Key", apiKey));
    assertThat(key.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(key.body()).get("key").asText()).startsWith("A");
  }

  @Test
  void aLoginGivesAStrictHttpOnlySessionCookieThatReadsButCannotChangeWithoutCsrf()
      throws Exception {
    Login login = login();
    assertThat(login.setCookie()).contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
        .doesNotContain("Secure").doesNotContain(PASSWORD);
    assertThat(send(request("GET", "/rest/status").header("Cookie", login.cookie()))
        .statusCode()).isEqualTo(200);

    HttpResponse<String> noCsrf = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("Origin", base));
    assertThat(noCsrf.statusCode()).isEqualTo(403);
    assertThat(noCsrf.body()).contains("CSRF");
    HttpResponse<String> wrongCsrf = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("Origin", base)
        .header("X-CSRF-Token", login.csrf() + "x"));
    assertThat(wrongCsrf.statusCode()).isEqualTo(403);
    HttpResponse<String> ok = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("Origin", base)
        .header("X-CSRF-Token", login.csrf()));
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void crossOriginStateChangesAreRefusedEvenWithSessionAndCsrf() throws Exception {
    Login login = login();
    for (String origin : List.of("http://evil.example", "null", base + ".evil.example",
        "http://127.0.0.1:1")) {
      HttpResponse<String> r = send(request("POST", "/rest/keys/new")
          .header("Cookie", login.cookie()).header("Origin", origin)
          .header("X-CSRF-Token", login.csrf()));
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(r.body()).contains("cross-origin");
    }
    HttpResponse<String> badReferer = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("Referer", "http://evil.example/page")
        .header("X-CSRF-Token", login.csrf()));
    assertThat(badReferer.statusCode()).isEqualTo(403);
    HttpResponse<String> noOrigin = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("X-CSRF-Token", login.csrf()));
    assertThat(noOrigin.statusCode()).as("a session must name its origin").isEqualTo(403);
    HttpResponse<String> sameReferer = send(request("POST", "/rest/keys/new")
        .header("Cookie", login.cookie()).header("Referer", base + "/")
        .header("X-CSRF-Token", login.csrf()));
    assertThat(sameReferer.statusCode()).isEqualTo(200);
    HttpResponse<String> crossLogin = send(request("POST", "/rest/login",
        "{\"password\":\"" + PASSWORD + "\"}").header("Origin", "http://evil.example"));
    assertThat(crossLogin.statusCode()).isEqualTo(403);
  }

  /** Runs last: it slows down logins from 127.0.0.1, where every test's requests come from. */
  @Test
  @Order(Integer.MAX_VALUE)
  void afterFiveWrongPasswordsLoginsAreAnswered429WithRetryAfterEvenForTheRightOne()
      throws Exception {
    for (int i = 1; i <= 5; i++) {
      assertThat(login("guess " + i).statusCode()).as("failure " + i).isEqualTo(401);
    }
    HttpResponse<String> blocked = null;
    for (int i = 6; i <= 10 && blocked == null; i++) {
      HttpResponse<String> r = login("guess " + i);
      if (r.statusCode() == 429) {
        blocked = r;
      } else {
        assertThat(r.statusCode()).as("a slow machine let the block lapse").isEqualTo(401);
      }
    }
    assertThat(blocked).as("a 429 after five failures").isNotNull();
    assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()))
        .isPositive();
    assertThat(blocked.body()).contains("too many failed logins");
    assertThat(login(PASSWORD).statusCode()).as("the right password waits too")
        .isEqualTo(429);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> login(PASSWORD).statusCode() == 200);
  }

  private HttpResponse<String> login(String password) throws Exception {
    return send(request("POST", "/rest/login", "{\"password\":\"" + password + "\"}")
        .header("Origin", base));
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    Login login = login();
    assertThat(send(request("POST", "/rest/logout").header("Cookie", login.cookie())
        .header("Origin", base).header("X-CSRF-Token", login.csrf())).statusCode())
        .isEqualTo(204);
    assertThat(send(request("GET", "/rest/status").header("Cookie", login.cookie()))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void theWebInterfaceIsServedWithoutLoginAndCannotBeFramed() throws Exception {
    HttpResponse<String> page = send(request("GET", "/"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swarmsync");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
  }

  private record Login(String cookie, String setCookie, String csrf) {}

  private Login login() throws Exception {
    HttpResponse<String> r = login(PASSWORD);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new Login(setCookie.split(";")[0], setCookie,
        JSON.readTree(r.body()).get("csrf_token").asText());
  }

  private HttpRequest.Builder request(String method, String path) {
    return request(method, path, "{}");
  }

  private HttpRequest.Builder request(String method, String path, String body) {
    HttpRequest.BodyPublisher publisher = method.equals("GET")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").method(method, publisher);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
