package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.discovery.LocalNode;
import swarmsync.discovery.TrackerSource;
import swarmsync.discovery.TrackerSourceSettings;
import swarmsync.record.DeviceId;
import swarmsync.tracker.Announce;
import swarmsync.tracker.AnnounceResult;
import swarmsync.tracker.Event;
import swarmsync.tracker.TrackerClient;
import swarmsync.tracker.TrackerException;
import swarmsync.tracker.TrackerSettings;
import swarmsync.util.Hex;

/** Our tracker clients and TrackerSource against a real opentracker on loopback. */
class OpentrackerIT {
  private static final String HTTP_HASH = "e5e9a7c1c2c3c4c5c6c7c8c9cacbcccdcecf0001";
  private static final String UDP_HASH = "e5e9a7c1c2c3c4c5c6c7c8c9cacbcccdcecf0002";
  private static final String SOURCE_HASH = "e5e9a7c1c2c3c4c5c6c7c8c9cacbcccdcecf0003";
  /** Not on the whitelist. */
  private static final String UNLISTED_HASH = "00000000000000000000000000000000000000ff";
  private static final TrackerSettings CLIENT = new TrackerSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(1), 2, 50);

  @TempDir
  static Path state;
  private static Opentracker tracker;

  @BeforeAll
  static void startOpentracker() throws Exception {
    tracker = Opentracker.start(state, HTTP_HASH, UDP_HASH, SOURCE_HASH);
  }

  @AfterAll
  static void stopOpentracker() throws Exception {
    if (tracker != null) {
      tracker.close();
    }
  }

  private static AnnounceResult announce(String url, String hash, int port) throws Exception {
    try (TrackerClient client = TrackerClient.forUrl(url, CLIENT)) {
      return client.announce(new Announce(Hex.decode(hash), Announce.randomPeerId(), port,
          Event.STARTED));
    }
  }

  private static InetSocketAddress local(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  @Test
  void twoAnnouncesOverHttpSeeEachOther() throws Exception {
    announce(tracker.httpUrl(), HTTP_HASH, 40001);
    AnnounceResult second = announce(tracker.httpUrl(), HTTP_HASH, 40002);
    assertThat(second.peers()).contains(local(40001));
    assertThat(second.interval()).isPositive();
  }

  @Test
  void twoAnnouncesOverUdpSeeEachOther() throws Exception {
    announce(tracker.udpUrl(), UDP_HASH, 40011);
    AnnounceResult second = announce(tracker.udpUrl(), UDP_HASH, 40012);
    assertThat(second.peers()).contains(local(40011));
    assertThat(second.interval()).isPositive();
  }

  @Test
  void anInfoHashOffTheWhitelistIsAClearErrorOverBothProtocols() {
    assertThatThrownBy(() -> announce(tracker.httpUrl(), UNLISTED_HASH, 40021))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("not authorized");
    assertThatThrownBy(() -> announce(tracker.udpUrl(), UNLISTED_HASH, 40021))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("8 bytes")
        .hasMessageContaining("whitelist");
  }

  @Test
  void trackerSourcesFindEachOtherButNotThemselves() {
    TrackerSourceSettings settings = new TrackerSourceSettings(Duration.ofMillis(200),
        Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(3), CLIENT);
    List<InetSocketAddress> seenByA = new CopyOnWriteArrayList<>();
    List<InetSocketAddress> seenByB = new CopyOnWriteArrayList<>();
    try (TrackerSource a = new TrackerSource(List.of(tracker.httpUrl()), settings);
        TrackerSource b = new TrackerSource(List.of(tracker.udpUrl()), settings)) {
      a.announce(Set.of(SOURCE_HASH));
      b.announce(Set.of(SOURCE_HASH));
      a.start(new LocalNode(DeviceId.of(new byte[32]), 40031), (id, address, source) ->
          seenByA.add(address));
      b.start(new LocalNode(DeviceId.of(new byte[32]), 40032), (id, address, source) ->
          seenByB.add(address));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(seenByA).contains(local(40032));
        assertThat(seenByB).contains(local(40031));
      });
      assertThat(seenByA).doesNotContain(local(40031));
      assertThat(seenByB).doesNotContain(local(40032));
    }
  }
}
