package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.keys.FolderSigner;
import swarmsync.protocol.Limits;
import swarmsync.protocol.Message;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * A real daemon (the victim, started with a 256 MiB heap) shares a folder with an honest
 * daemon while {@link HostilePeer}s attack it at the same time: a frame header beyond
 * {@link Limits#MAX_FRAME_BYTES}, 20 s of IndexUpdates of 2,000 forged records each, chunk
 * requests for a folder the peer never joined and for hashes the folder does not hold, chunk
 * requests for paths outside the folder, and 200 TCP connections opened at once and left
 * silent. Throughout, the victim's REST status answers within 2 s and its heap stays under
 * its limit; during the attack an edit on the honest daemon reaches the victim.
 */
class HostileLoadIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FLOOD = Duration.ofSeconds(20);
  private static final Duration MAX_STATUS_LATENCY = Duration.ofSeconds(2);
  private static final long HEAP_LIMIT = 256L * 1024 * 1024;
  private static final int RECORDS_PER_UPDATE = 2_000;
  private static final int FLOOD_CONNECTIONS = 200;
  private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_heap_used_bytes (\\d+)$");
  private static final Pattern HEAP_MAX = Pattern.compile("(?m)^jvm_heap_max_bytes (\\d+)$");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private DaemonGroup group;
  private final List<Socket> flood = new ArrayList<>();
  private final ExecutorService attackers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() throws Exception {
    attackers.shutdownNow();
    for (Socket s : flood) {
      s.close();
    }
    if (group != null) {
      group.close();
    }
  }

  @Test
  void theVictimStaysResponsiveBoundedAndServesTheHonestPeerUnderEveryAttackAtOnce()
      throws Exception {
    String rwKey = Launcher.run("key", "new").assertOk().out().trim();
    String roKey = Launcher.run("key", "ro", rwKey).assertOk().out().trim();
    String otherKey = Launcher.run("key", "new").assertOk().out().trim();
    Path victimDir = Files.createDirectories(dir.resolve("victim"));
    Path honestDir = Files.createDirectories(dir.resolve("honest"));
    Path otherDir = Files.createDirectories(dir.resolve("other"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(victimDir.resolve("file-" + i + ".txt"), "content of file " + i + "\n");
    }
    byte[] privateContent = "a file of a folder the hostile peer never joined\n"
        .getBytes(StandardCharsets.UTF_8);
    Files.write(otherDir.resolve("private.txt"), privateContent);
    Path secret = Files.writeString(dir.resolve("secret.txt"), "outside every folder\n");

    group = new DaemonGroup(dir);
    Daemon victim = group.add("victim", rwKey, victimDir)
        .withEnvironment(Map.of("SWARMSYNC_JAVA_OPTS", "-Xmx256m"));
    victim.addFolder(otherKey, otherDir);
    victim.start();
    Daemon honest = group.add("honest", rwKey, honestDir).start(victim);
    awaitSameTree(victimDir, honestDir);

    InetSocketAddress address = new InetSocketAddress("127.0.0.1", victim.port);
    FolderKey readOnly = FolderKey.parse(roKey);
    byte[] otherFolder = FolderKey.parse(otherKey).discoveryId();

    Watchdog watchdog = new Watchdog(victim);
    Future<?> watching = attackers.submit(watchdog);
    try (HostilePeer flooder = HostilePeer.join(address, readOnly).awaitIndex();
        HostilePeer oversized = HostilePeer.join(address, readOnly);
        HostilePeer requester = HostilePeer.join(address, readOnly).awaitIndex()) {
      // (b) endless IndexUpdates: forged records (signed with a key that is not the folder's),
      // so the victim verifies every one and refuses it.
      List<FileRecord> forged = forgedRecords(flooder);
      AtomicLong updatesSent = new AtomicLong();
      Future<?> updates = attackers.submit(() -> {
        long end = System.nanoTime() + FLOOD.toNanos();
        while (System.nanoTime() < end && !flooder.isClosed()) {
          flooder.sendUpdate(forged);
          updatesSent.incrementAndGet();
        }
        return null;
      });

      // (e) a flood of connections opened at once and left silent mid-handshake.
      for (int i = 0; i < FLOOD_CONNECTIONS; i++) {
        try {
          flood.add(new Socket(address.getAddress(), address.getPort()));
        } catch (java.io.IOException refused) {
          // The listen backlog is full: the flood is at its most, which is the point.
        }
      }

      // (a) an oversized frame: the session is closed, nothing is read or allocated for it.
      oversized.sendFrameHeader(Limits.MAX_FRAME_BYTES + 1);
      await().atMost(TIMEOUT).until(oversized::isClosed);

      // (c) chunks it has no right to: another folder's file, and a hash not in the folder.
      ChunkHash privateHash = ChunkHash.of(HostilePeer.sha256(privateContent));
      assertRefused(requester.requestIn(otherFolder, "private.txt", 0, privateContent.length,
          privateHash), "a chunk of a folder the peer did not join");
      assertRefused(requester.request("file-1.txt", 0, 16, ChunkHash.of(HostilePeer.sha256(
          "not in the folder".getBytes(StandardCharsets.UTF_8)))), "a hash not in the folder");
      // (d) paths outside the folder (HostilePathsIT covers each kind; two suffice here).
      ChunkHash anyHash = ChunkHash.of(new byte[ChunkHash.LENGTH]);
      assertRefused(requester.request("../secret.txt", 0, 8, anyHash), "../secret.txt");
      assertRefused(requester.request(secret.toString(), 0, 8, anyHash), "an absolute path");

      // The honest peer is served during all of it: its edit reaches the victim.
      long editedAt = System.nanoTime();
      Files.writeString(honestDir.resolve("file-3.txt"), "edited during the attack\n");
      await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
          .until(() -> Files.readString(victimDir.resolve("file-3.txt"))
              .equals("edited during the attack\n"));
      Duration editLatency = Duration.ofNanos(System.nanoTime() - editedAt);
      assertThat(updates.isDone()).as("the edit arrived while the index flood still ran")
          .isFalse();

      updates.get(FLOOD.toSeconds() + 60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(requester.isClosed()).as("refused requests refuse data, not the connection")
          .isFalse();
      watchdog.stop.set(true);
      watching.get();

      assertThat(victim.alive()).as("the victim survived").isTrue();
      assertThat(victim.log()).doesNotContain("OutOfMemoryError")
          .contains("handshakes already in progress")
          .contains("bad folder signature")
          .contains("more records of that message from");
      long logBytes = victim.log().length();
      assertThat(watchdog.polls.get()).as("status polls during the attack").isGreaterThan(10);
      assertThat(Duration.ofNanos(watchdog.slowestNanos.get()))
          .as("slowest /rest/status during the attack").isLessThan(MAX_STATUS_LATENCY);
      assertThat(watchdog.heapMax.get()).as("the victim's -Xmx").isLessThanOrEqualTo(HEAP_LIMIT);
      assertThat(watchdog.peakHeap.get()).as("peak heap used")
          .isLessThan(watchdog.heapMax.get());
      System.out.printf("HostileLoadIT: %d IndexUpdates of %d forged records in %s; %d flood"
              + " connections; edit arrived in %d ms; %d status polls, slowest %d ms; peak heap"
              + " %d MiB of %d MiB; victim log %d KiB%n", updatesSent.get(), RECORDS_PER_UPDATE, FLOOD,
          flood.size(), editLatency.toMillis(), watchdog.polls.get(),
          watchdog.slowestNanos.get() / 1_000_000, watchdog.peakHeap.get() >> 20,
          watchdog.heapMax.get() >> 20, logBytes >> 10);
    }
    // After the attack, the honest pair still converges.
    Files.writeString(honestDir.resolve("after.txt"), "after the attack\n");
    awaitSameTree(victimDir, honestDir);
  }

  /** {@link #RECORDS_PER_UPDATE} records with fresh paths, each signed with a stranger's key. */
  private static List<FileRecord> forgedRecords(HostilePeer peer) {
    FolderSigner stranger = FolderKey.newReadWrite(new SecureRandom()).signer();
    byte[] content = "forged\n".getBytes(StandardCharsets.UTF_8);
    List<FileRecord> records = new ArrayList<>(RECORDS_PER_UPDATE);
    for (int i = 0; i < RECORDS_PER_UPDATE; i++) {
      records.add(peer.signedWith(stranger, HostilePeer.file("flood/" + i + ".txt", content,
          i + 1)));
    }
    return records;
  }

  private static void assertRefused(CompletableFuture<Message.Response> request, String what)
      throws Exception {
    Message.Response answer = HostilePeer.await(request);
    assertThat(answer.code()).as(what).isNotEqualTo(Message.ResponseCode.NO_ERROR);
    assertThat(answer.data()).as(what).isEmpty();
  }

  private static void awaitSameTree(Path one, Path two) {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .untilAsserted(() -> assertThat(Trees.describe(two)).isEqualTo(Trees.describe(one)));
  }

  /**
   * Polls the victim's /rest/status and /metrics every 250 ms: the slowest status answer, the
   * peak heap used and the heap's limit. A status that fails or takes over 10 s counts as 10 s.
   */
  private static final class Watchdog implements java.util.concurrent.Callable<Void> {
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong polls = new AtomicLong();
    final AtomicLong slowestNanos = new AtomicLong();
    final AtomicLong peakHeap = new AtomicLong();
    final AtomicLong heapMax = new AtomicLong(Long.MAX_VALUE);
    private final Daemon victim;

    Watchdog(Daemon victim) {
      this.victim = victim;
    }

    @Override
    public Void call() throws Exception {
      JsonNode state = JSON.readTree(victim.home.resolve("daemon.json").toFile());
      String key = Files.readString(victim.home.resolve("api-key")).trim();
      URI metrics = URI.create("http://" + state.get("gui").asText() + "/metrics");
      while (!stop.get()) {
        long start = System.nanoTime();
        try {
          victim.status();
        } catch (Exception e) {
          start -= Duration.ofSeconds(10).toNanos();
        }
        long took = System.nanoTime() - start;
        slowestNanos.accumulateAndGet(took, Math::max);
        polls.incrementAndGet();
        try {
          String text = HTTP.send(HttpRequest.newBuilder(metrics).header("X-API-Key", key)
              .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
              .body();
          Matcher used = HEAP_USED.matcher(text);
          Matcher max = HEAP_MAX.matcher(text);
          if (used.find() && max.find()) {
            peakHeap.accumulateAndGet(Long.parseLong(used.group(1)), Math::max);
            heapMax.set(Long.parseLong(max.group(1)));
          }
        } catch (java.io.IOException e) {
          // Counted through the status poll above.
        }
        Thread.sleep(250);
      }
      return null;
    }
  }
}
