package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import swarmsync.record.DeviceId;
import swarmsync.tracker.Announce;
import swarmsync.tracker.Event;
import swarmsync.tracker.ScriptedUdpPeer;
import swarmsync.tracker.TrackerClient;
import swarmsync.tracker.TrackerServer;
import swarmsync.tracker.TrackerSettings;
import swarmsync.util.Hex;

/** TrackerSource against our TrackerServer on loopback, next to dead and broken trackers. */
class TrackerSourceTest {
  private static final String ID = "0123456789abcdef0123456789abcdef01234567";
  private static final TrackerSettings CLIENT = new TrackerSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(2), 2, 50);
  private static final TrackerSourceSettings FAST = new TrackerSourceSettings(
      Duration.ofMillis(200), Duration.ofMinutes(30), Duration.ofMillis(200),
      Duration.ofSeconds(2), CLIENT);

  /** One address reported to FoundPeers. */
  record Found(String id, InetSocketAddress address, String source) {}

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private TrackerServer server;

  @BeforeEach
  void startTracker() throws IOException {
    server = tracker(Duration.ofSeconds(1));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private TrackerServer tracker(Duration interval) throws IOException {
    TrackerServer tracker = new TrackerServer(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), interval, Clock.systemUTC());
    tracker.start();
    closeables.add(tracker);
    return tracker;
  }

  private List<Found> start(List<String> urls, int port, String... ids) {
    List<Found> found = new CopyOnWriteArrayList<>();
    TrackerSource source = new TrackerSource(urls, FAST);
    closeables.add(source);
    source.announce(Set.of(ids));
    source.start(new LocalNode(DeviceId.of(new byte[32]), port),
        (id, address, name) -> found.add(new Found(id, address, name)));
    return found;
  }

  private static Found found(int port) {
    return new Found(ID, new InetSocketAddress("127.0.0.1", port), "tracker");
  }

  @Test
  void twoNodesFindEachOtherOverHttpAndUdpButNeverThemselves() {
    List<Found> a = start(List.of(server.httpUrl()), 40001, ID);
    List<Found> b = start(List.of(server.udpUrl()), 40002, ID);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      assertThat(b).contains(found(40001));
      assertThat(a).contains(found(40002));
    });
    assertThat(a).doesNotContain(found(40001));
    assertThat(b).doesNotContain(found(40002));
  }

  @Test
  void deadSilentAndGarbageTrackersDoNotDelayTheGoodOne() throws Exception {
    ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    String closedUrl = "http://127.0.0.1:" + closed.getLocalPort() + "/announce";
    closed.close();
    ScriptedUdpPeer silentUdp = ScriptedUdpPeer.silent();
    ScriptedUdpPeer garbageUdp = ScriptedUdpPeer.garbage();
    closeables.add(silentUdp);
    closeables.add(garbageUdp);
    String silentHttp = httpStandIn(false);
    String garbageHttp = httpStandIn(true);
    announceDirectly(40009);

    List<Found> found = start(List.of(closedUrl, silentUdp.url(), garbageUdp.url(), silentHttp,
        garbageHttp, server.udpUrl()), 40001, ID);

    await().atMost(Duration.ofMillis(1500)).untilAsserted(() ->
        assertThat(found).contains(found(40009)));
  }

  @Test
  void periodicAnnouncesFindAPeerThatJoinsLater() throws IOException {
    List<Found> early = start(List.of(server.httpUrl()), 40001, ID);
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> early.isEmpty());
    announceDirectly(40005);
    await().atMost(Duration.ofSeconds(4)).untilAsserted(() ->
        assertThat(early).contains(found(40005)));
  }

  @Test
  void announcesThePublicPortAsItIsNowWhenAMappingMoves() throws Exception {
    AtomicInteger mapped = new AtomicInteger(40011);
    TrackerSource source = new TrackerSource(List.of(server.httpUrl()), FAST);
    closeables.add(source);
    source.announce(Set.of(ID));
    source.start(new LocalNode(DeviceId.of(new byte[32]), 40010, mapped::get),
        (id, address, name) -> { });
    await().atMost(Duration.ofSeconds(3)).until(() -> peersSeenBy(40002).contains(40011));
    assertThat(peersSeenBy(40002)).doesNotContain(40010);

    mapped.set(40012); // the gateway gave another external port on renewal
    await().atMost(Duration.ofSeconds(4)).until(() -> peersSeenBy(40002).contains(40012));
  }

  @Test
  void droppingAnIdOrClosingAnnouncesStopped() throws Exception {
    TrackerSource source = new TrackerSource(List.of(server.udpUrl(), server.httpUrl()), FAST);
    List<Found> found = new CopyOnWriteArrayList<>();
    source.announce(Set.of(ID));
    source.start(new LocalNode(DeviceId.of(new byte[32]), 40001),
        (id, address, name) -> found.add(new Found(id, address, name)));
    await().atMost(Duration.ofSeconds(3)).until(() -> peersSeenBy(40002).contains(40001));

    source.announce(Set.of());
    await().atMost(Duration.ofSeconds(3)).until(() -> !peersSeenBy(40002).contains(40001));

    source.announce(Set.of(ID));
    await().atMost(Duration.ofSeconds(3)).until(() -> peersSeenBy(40002).contains(40001));
    long start = System.nanoTime();
    source.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(peersSeenBy(40002)).doesNotContain(40001);
  }

  @Test
  void refusesMalformedDiscoveryIdsAndTrackerUrls() {
    TrackerSource source = new TrackerSource(List.of(), FAST);
    assertThatThrownBy(() -> source.announce(Set.of("ABC")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ABC'");
    assertThatThrownBy(() -> new TrackerSource(List.of("ftp://127.0.0.1:1/"), FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://");
    assertThat(source.name()).isEqualTo("tracker");
    source.close();
  }

  @Test
  void clampsTrackerIntervalsToTheSettings() {
    TrackerSourceSettings settings = TrackerSourceSettings.DEFAULTS;
    assertThat(settings.clamp(Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.clamp(Duration.ofDays(1))).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.clamp(Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(7));
    assertThat(settings.retryAfter(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.retryAfter(3)).isEqualTo(Duration.ofSeconds(240));
    assertThat(settings.retryAfter(1000)).isEqualTo(Duration.ofMinutes(30));
  }

  /** The ports the tracker returns to a (stopped right after) announce from {@code port}. */
  private List<Integer> peersSeenBy(int port) throws IOException {
    try (TrackerClient client = TrackerClient.forUrl(server.httpUrl(), CLIENT)) {
      List<Integer> ports = client.announce(new Announce(Hex.decode(ID),
          Announce.randomPeerId(), port, Event.STARTED)).peers().stream()
          .map(InetSocketAddress::getPort).toList();
      client.announce(new Announce(Hex.decode(ID), Announce.randomPeerId(), port,
          Event.STOPPED));
      return ports;
    }
  }

  private void announceDirectly(int port) throws IOException {
    try (TrackerClient client = TrackerClient.forUrl(server.httpUrl(), CLIENT)) {
      client.announce(new Announce(Hex.decode(ID), Announce.randomPeerId(), port,
          Event.STARTED));
    }
  }

  /** An HTTP server on loopback that accepts and then says nothing, or answers garbage. */
  private String httpStandIn(boolean garbage) throws IOException {
    ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    closeables.add(socket);
    Thread thread = new Thread(() -> {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          Socket client = socket.accept();
          held.add(client);
          if (garbage) {
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
                + "<html></html>").getBytes(StandardCharsets.US_ASCII));
            client.close();
          }
        }
      } catch (IOException e) {
        // closed by the test
      }
    }, "http-stand-in");
    thread.setDaemon(true);
    thread.start();
    return "http://127.0.0.1:" + socket.getLocalPort() + "/announce";
  }
}
