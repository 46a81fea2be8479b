package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;

/**
 * One-time keys between real daemons on loopback: an accepted invite syncs the folder, a used,
 * expired or revoked one is refused at the newcomer with its reason, two newcomers racing for
 * one invite never both get it, and a read-only node cannot hand out write access.
 */
class InviteIT {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);
  /** Races of two newcomers for one invite; the issue asks for 20. */
  private static final int RACES = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path shared;
  @TempDir Path dir;
  private static Daemon issuer;
  private static Path issuerFolder;
  private static String tracker;

  /** {@code invite create} through the CLI; returns the key it prints. */
  private static String invite(Daemon issuer, Path folder, String... flags) throws Exception {
    List<String> args = new ArrayList<>(List.of("invite", "create", "--home",
        issuer.home.toString()));
    args.addAll(List.of(flags));
    args.add(folder.toString());
    return Launcher.run(args.toArray(String[]::new)).assertOk().out().trim();
  }

  /** {@code invite accept} by a newcomer with no daemon running, given the issuer's address. */
  private Launcher.Result acceptWithoutDaemon(Path home, String key, Daemon issuer, Path folder)
      throws Exception {
    return Launcher.run("invite", "accept", "--home", home.toString(), "--key", key, "--peer",
        issuer.address(), "--no-lan", "--no-dht", "--no-tracker", "--timeout", "60s",
        folder.toString());
  }

  /** The issuer's invites as {@code invite list --json} prints them (the CLI). */
  private static JsonNode inviteList(Daemon issuer) throws Exception {
    return JSON.readTree(Launcher.run("invite", "list", "--home", issuer.home.toString(),
        "--json").assertOk().out());
  }

  /** The issuer's invites through its REST API: cheaper to poll than starting the CLI. */
  private static JsonNode restInvites(Daemon issuer) throws Exception {
    return JSON.readTree(rest(issuer, "GET", "/rest/invites", null).body());
  }

  @BeforeAll
  static void startIssuer() throws Exception {
    issuerFolder = Files.createDirectories(shared.resolve("a"));
    Files.writeString(issuerFolder.resolve("hello.txt"), "hello from the issuer\n");
    Trees.randomFile(issuerFolder.resolve("docs/blob.bin"), 500_000, 3);
    tracker = "http://127.0.0.1:" + Daemon.freePort() + "/announce";
    String trackerBind = tracker.substring("http://".length(), tracker.lastIndexOf('/'));
    issuer = new Daemon(shared, "a");
    issuer.addFolder(FolderKey.newReadWrite(new SecureRandom()).encode(), issuerFolder);
    issuer.start(Set.of("tracker"), List.of("--serve-tracker", trackerBind, "--tracker",
        tracker));
  }

  @AfterAll
  static void stopIssuer() throws Exception {
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void anInviteFoundThroughATrackerSyncsTheFolderAndUsedExpiredOrRevokedOnesAreRefused()
      throws Exception {
    Path fb = Files.createDirectories(dir.resolve("b"));
    Path other = Files.createDirectories(dir.resolve("other"));
    try (Daemon b = new Daemon(dir, "b")) {
      b.start(Set.of("tracker"), List.of("--tracker", tracker));
      String c = invite(issuer, issuerFolder);
      assertThat(c).startsWith("C");
      JsonNode listed = inviteList(issuer);
      String id = listed.get(0).get("id").asText();
      assertThat(listed.get(0).get("state").asText()).isEqualTo("pending");
      assertThat(listed.get(0).get("grants").asText()).isEqualTo("rw");
      assertThat(listed.get(0).has("key")).as("the issuer never lists the key").isFalse();

      // No --peer: the newcomer finds the issuer under the invite's id at the tracker.
      Launcher.run("invite", "accept", "--home", b.home.toString(), "--key", c,
          fb.toString()).assertOk();
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, issuerFolder, fb, issuer, b);
      assertThat(b.folderStatus().get("key_kind").asText()).isEqualTo("rw");
      assertThat(b.folderStatus().get("peers").get(0).get("found_by").asText())
          .isEqualTo("tracker");
      assertThat(invite(issuer, id).get("state").asText()).isEqualTo("used");

      // A second use, by a newcomer without a daemon: refused, nothing added.
      Path lateHome = dir.resolve("late-home");
      Launcher.Result second = acceptWithoutDaemon(lateHome, c, issuer, other);
      assertThat(second.exit()).isNotZero();
      assertThat(second.err().strip()).isEqualTo("swarmsync: this invite was already used");
      assertThat(Launcher.run("folder", "list", "--home", lateHome.toString(), "--json")
          .assertOk().out().strip()).isEqualTo("[ ]");

      // Expired and revoked invites, refused to the newcomer's daemon with their reasons.
      JsonNode expiring = created(issuer, Map.of("path", issuerFolder.toString(),
          "expires", "2s"));
      String revoked = invite(issuer, issuerFolder, "--read-only");
      String revokedId = inviteList(issuer).get(0).get("id").asText();
      Launcher.run("invite", "revoke", "--home", issuer.home.toString(), revokedId).assertOk();
      assertThat(invite(issuer, revokedId).get("state").asText()).isEqualTo("revoked");
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
          invite(issuer, expiring.get("id").asText()).get("state").asText().equals("expired"));

      Launcher.Result late = Launcher.run("invite", "accept", "--home", b.home.toString(),
          "--key", expiring.get("key").asText(), other.toString());
      assertThat(late.exit()).isNotZero();
      assertThat(late.err().strip()).isEqualTo("swarmsync: this invite expired at "
          + expiring.get("expires").asText());
      Launcher.Result cancelled = Launcher.run("invite", "accept", "--home",
          b.home.toString(), "--key", revoked, other.toString());
      assertThat(cancelled.exit()).isNotZero();
      assertThat(cancelled.err().strip()).isEqualTo("swarmsync: this invite was revoked");
      assertThat(b.status().get("folders")).hasSize(1);
    }
  }

  @Test
  void twoNewcomersRacingForOneInviteNeverBothGetIt() throws Exception {
    try (Daemon n1 = new Daemon(dir, "n1");
        Daemon n2 = new Daemon(dir, "n2")) {
      Daemon[] newcomers = {n1, n2};
      startAll(newcomers);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        long started = System.nanoTime();
        for (int race = 0; race < RACES; race++) {
          JsonNode invite = created(issuer, Map.of("path", issuerFolder.toString()));
          String c = invite.get("key").asText();
          CountDownLatch go = new CountDownLatch(1);
          List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
          List<Path> folders = new ArrayList<>();
          for (Daemon n : newcomers) {
            Path folder = Files.createDirectories(dir.resolve(n.name + "-" + race));
            folders.add(folder);
            answers.add(CompletableFuture.supplyAsync(() -> {
              try {
                go.await();
                return rest(n, "POST", "/rest/invites/accept", Map.of("key", c, "path",
                    folder.toString(), "peers", List.of(issuer.address()), "timeout", "60s"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }, pool));
          }
          go.countDown();
          int granted = 0;
          for (int i = 0; i < newcomers.length; i++) {
            HttpResponse<String> answer = answers.get(i).get();
            if (answer.statusCode() == 201) {
              granted++;
              // Leave the folder again so that the next race starts from nothing.
              HttpResponse<String> left = rest(newcomers[i], "DELETE",
                  "/rest/folders?path=" + folders.get(i), null);
              assertThat(left.statusCode()).isEqualTo(204);
            } else {
              assertThat(JSON.readTree(answer.body()).get("error").asText())
                  .as("race %d, loser %s", race, newcomers[i].name)
                  .isEqualTo("this invite was already used");
            }
          }
          assertThat(granted).as("newcomers granted the invite in race %d", race).isOne();
          assertThat(invite(issuer, invite.get("id").asText()).get("state").asText())
              .isEqualTo("used");
        }
        System.out.printf("InviteIT: %d races of two newcomers in %d ms%n", RACES,
            (System.nanoTime() - started) / 1_000_000);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aReadOnlyNodeCannotGrantReadWriteOnlyReadOnly() throws Exception {
    String folderId = issuer.folderStatus().get("folder_id").asText();
    Path fr = Files.createDirectories(dir.resolve("r"));
    Path fn = Files.createDirectories(dir.resolve("n"));
    try (Daemon r = new Daemon(dir, "r")) {
      r.addFolder(readOnlyKey(), fr);
      r.start(issuer);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, issuerFolder, fr, r);

      Launcher.Result refused = Launcher.run("invite", "create", "--home", r.home.toString(),
          fr.toString());
      assertThat(refused.exit()).isNotZero();
      assertThat(refused.err().strip()).isEqualTo("swarmsync: this node holds only the"
          + " read-only key of the folder: it can grant read-only access only (use --read-only)");
      assertThat(restInvites(r)).isEmpty();

      String c = invite(r, fr, "--read-only");
      Path home = dir.resolve("n-home");
      acceptWithoutDaemon(home, c, r, fn).assertOk();
      JsonNode folders = JSON.readTree(Launcher.run("folder", "list", "--home",
          home.toString(), "--json").assertOk().out());
      assertThat(folders).hasSize(1);
      assertThat(folders.get(0).get("key_kind").asText()).isEqualTo("ro");
      assertThat(folders.get(0).get("folder_id").asText()).isEqualTo(folderId);
    }
  }

  /** The issuer's folder key made read-only, read from its config (the test's own home). */
  private static String readOnlyKey() throws Exception {
    JsonNode config = JSON.readTree(issuer.home.resolve("config.json").toFile());
    return FolderKey.parse(config.get("folders").get(0).get("key").asText()).readOnly()
        .encode();
  }

  /** Starts daemons at once, each with the issuer as manual peer. */
  private static void startAll(Daemon... daemons) throws Exception {
    List<CompletableFuture<Daemon>> starts = new ArrayList<>();
    for (Daemon d : daemons) {
      starts.add(CompletableFuture.supplyAsync(() -> {
        try {
          return d.start(issuer);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<Daemon> start : starts) {
      start.get();
    }
  }

  /** Creates an invite through the REST API; the answer holds its id, expiry and key. */
  private static JsonNode created(Daemon issuer, Map<String, Object> body) throws Exception {
    HttpResponse<String> answer = rest(issuer, "POST", "/rest/invites", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return JSON.readTree(answer.body());
  }

  /** One invite of the issuer by id, through the REST API. */
  private static JsonNode invite(Daemon issuer, String id) throws Exception {
    for (JsonNode i : restInvites(issuer)) {
      if (i.get("id").asText().equals(id)) {
        return i;
      }
    }
    throw new AssertionError("no invite " + id);
  }

  /** A REST call to a daemon's API with its API key; the body as JSON if not null. */
  private static HttpResponse<String> rest(Daemon d, String method, String path, Object body)
      throws Exception {
    JsonNode state = JSON.readTree(d.home.resolve("daemon.json").toFile());
    String apiKey = Files.readString(d.home.resolve("api-key")).trim();
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + state.get("gui").asText()
            + path.replace(" ", "%20")))
        .header("X-API-Key", apiKey).header("Content-Type", "application/json")
        .method(method, publisher).timeout(Duration.ofSeconds(90)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
