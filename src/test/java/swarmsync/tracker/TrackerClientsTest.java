package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our HTTP and UDP tracker clients against our TrackerServer and broken stand-ins. */
class TrackerClientsTest {
  static final TrackerSettings FAST = new TrackerSettings(Duration.ofSeconds(2),
      Duration.ofMillis(200), 1, 50);
  private static final byte[] HASH = Announce.randomPeerId();

  private TrackerServer server;

  @BeforeEach
  void start() throws IOException {
    server = new TrackerServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Duration.ofSeconds(90), Clock.systemUTC());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String scheme) {
    return scheme.equals("http") ? server.httpUrl() : server.udpUrl();
  }

  private static Announce announce(int port, Event event) {
    return new Announce(HASH, Announce.randomPeerId(), port, event);
  }

  private static InetSocketAddress local(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "udp"})
  void twoPeersUnderOneHashSeeEachOther(String scheme) throws IOException {
    try (TrackerClient a = TrackerClient.forUrl(url(scheme), FAST);
        TrackerClient b = TrackerClient.forUrl(url(scheme), FAST)) {
      AnnounceResult first = a.announce(announce(40001, Event.STARTED));
      assertThat(first.peers()).isEmpty();
      assertThat(first.interval()).isEqualTo(Duration.ofSeconds(90));
      assertThat(b.announce(announce(40002, Event.STARTED)).peers())
          .containsExactly(local(40001));
      assertThat(a.announce(announce(40001, Event.NONE)).peers()).containsExactly(local(40002));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "udp"})
  void stoppedTakesAPeerOutOfTheSwarm(String scheme) throws IOException {
    try (TrackerClient client = TrackerClient.forUrl(url(scheme), FAST)) {
      client.announce(announce(40001, Event.STARTED));
      client.announce(announce(40001, Event.STOPPED));
      assertThat(client.announce(announce(40002, Event.STARTED)).peers()).isEmpty();
    }
  }

  @Test
  void httpAndUdpShareOneSwarm() throws IOException {
    try (TrackerClient http = TrackerClient.forUrl(url("http"), FAST);
        TrackerClient udp = TrackerClient.forUrl(url("udp"), FAST)) {
      http.announce(announce(40001, Event.STARTED));
      assertThat(udp.announce(announce(40002, Event.STARTED)).peers())
          .containsExactly(local(40001));
    }
  }

  @Test
  void factoryPicksTheClientByScheme() {
    assertThat(TrackerClient.forUrl("http://127.0.0.1:1/announce", FAST))
        .isInstanceOf(HttpTrackerClient.class);
    assertThat(TrackerClient.forUrl("udp://127.0.0.1:1", FAST))
        .isInstanceOf(UdpTrackerClient.class);
    assertThatThrownBy(() -> TrackerClient.forUrl("wss://127.0.0.1:1/announce", FAST))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wss://");
    assertThatThrownBy(() -> TrackerClient.forUrl("udp://127.0.0.1/announce", FAST))
        .hasMessageContaining("needs host and port");
  }

  @Test
  void httpClientSendsOnlyTheAnnounceParameters() {
    HttpTrackerClient client = new HttpTrackerClient(
        java.net.URI.create("http://127.0.0.1:1/announce?key=abc"), FAST);
    byte[] hash = new byte[20];
    hash[0] = (byte) 0xff;
    byte[] peerId = "-SW0100-abcdefghijkl".getBytes();
    assertThat(client.announceUri(new Announce(hash, peerId, 40001, Event.STARTED)).toString())
        .isEqualTo("http://127.0.0.1:1/announce?key=abc&info_hash=%FF" + "%00".repeat(19)
            + "&peer_id=-SW0100-abcdefghijkl&port=40001&uploaded=0&downloaded=0&left=0"
            + "&compact=1&numwant=50&event=started");
  }

  @Test
  void httpFailureStatusIsATrackerExceptionWithTheReason() {
    String wrongPath = server.httpUrl().replace("/announce", "/nope");
    assertThatThrownBy(() -> TrackerClient.forUrl(wrongPath, FAST)
        .announce(announce(40001, Event.STARTED)))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("HTTP 404 (no such path; announce is at /announce)");
  }

  @Test
  void httpTrackerThatNeverAnswersTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> TrackerClient.forUrl("http://127.0.0.1:" + silent.getLocalPort()
          + "/announce", FAST).announce(announce(40001, Event.STARTED)))
          .isInstanceOf(IOException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void udpTrackerThatNeverAnswersTimesOutAfterBoundedRetries() throws Exception {
    try (ScriptedUdpPeer silent = ScriptedUdpPeer.silent();
        TrackerClient client = TrackerClient.forUrl(silent.url(), FAST)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client.announce(announce(40001, Event.STARTED)))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("no reply after 2 attempts");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(550), Duration.ofSeconds(3));
      assertThat(silent.actions()).containsExactly(0, 0);
    }
  }

  /** Answers connect, and announce as {@code announceReply} says; counts what it got. */
  private static ScriptedUdpPeer fakeTracker(java.util.function.IntFunction<byte[]> reply) {
    try {
      return new ScriptedUdpPeer(request -> {
        int action = request.getInt(8);
        int transaction = request.getInt(12);
        return action == 0 ? UdpTrackerPackets.connectReply(transaction, 0x55L)
            : reply.apply(transaction);
      });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void udpShortAnnounceReplyOfAWhitelistTrackerIsAClearError() throws Exception {
    try (ScriptedUdpPeer whitelist = fakeTracker(t -> ByteBuffer.allocate(8).putInt(1)
        .putInt(t).array());
        TrackerClient client = TrackerClient.forUrl(whitelist.url(), FAST)) {
      assertThatThrownBy(() -> client.announce(announce(40001, Event.STARTED)))
          .isInstanceOf(TrackerException.class)
          .hasMessageContaining("announce to " + whitelist.url())
          .hasMessageContaining("8 bytes")
          .hasMessageContaining("whitelist");
    }
  }

  @Test
  void udpErrorActionIsATrackerExceptionWithTheMessage() throws Exception {
    try (ScriptedUdpPeer refusing = fakeTracker(t -> UdpTrackerPackets.error(t, "banned"));
        TrackerClient client = TrackerClient.forUrl(refusing.url(), FAST)) {
      assertThatThrownBy(() -> client.announce(announce(40001, Event.STARTED)))
          .isInstanceOf(TrackerException.class)
          .hasMessageEndingWith("tracker error on announce: banned");
    }
  }

  @Test
  void udpRepliesOfAnotherTransactionAreSkipped() throws Exception {
    AtomicInteger replies = new AtomicInteger();
    try (ScriptedUdpPeer confused = fakeTracker(t -> replies.incrementAndGet() == 1
        ? UdpTrackerPackets.announceReply(t + 1, Duration.ofSeconds(5), 0, 0, new byte[0])
        : UdpTrackerPackets.announceReply(t, Duration.ofSeconds(7), 0, 0, new byte[0]));
        TrackerClient client = TrackerClient.forUrl(confused.url(), FAST)) {
      assertThat(client.announce(announce(40001, Event.STARTED)).interval())
          .isEqualTo(Duration.ofSeconds(7));
      assertThat(confused.actions()).containsExactly(0, 1, 1);
    }
  }

  @Test
  void udpConnectionIdIsReusedForOneMinute() throws Exception {
    TestClock clock = new TestClock();
    try (ScriptedUdpPeer tracker = fakeTracker(t -> UdpTrackerPackets.announceReply(t,
        Duration.ofSeconds(60), 0, 0, new byte[] {127, 0, 0, 1, 0, 9}));
        UdpTrackerClient client = new UdpTrackerClient(java.net.URI.create(tracker.url()),
            FAST, clock)) {
      assertThat(client.announce(announce(40001, Event.STARTED)).peers())
          .containsExactly(local(9));
      clock.advance(Duration.ofSeconds(59));
      client.announce(announce(40001, Event.NONE));
      clock.advance(Duration.ofSeconds(1));
      client.announce(announce(40001, Event.NONE));
      assertThat(tracker.actions()).isEqualTo(List.of(0, 1, 1, 0, 1));
    }
  }
}
