package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two LAN sources in one JVM, on loopback only (multicast on the host's lo; nothing leaves the
 * machine), sharing one UDP port the way two processes on one host do.
 */
class LanSourceTest {
  /** Periodic announcements far apart, so only start, changes and answers can pass a test. */
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final String ONLY_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  private LanSettings settings;
  private LanSource a;
  private LanSource b;
  private final Set<String> foundByA = ConcurrentHashMap.newKeySet();
  private final Set<String> foundByB = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void pickPort() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    settings = LanSettings.defaults().withPort(port).withInterval(INTERVAL)
        .withInterfaces(LanSettings.Interfaces.LOOPBACK_ONLY);
    a = new LanSource(settings, Clock.systemUTC());
    b = new LanSource(settings, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private static void record(Set<String> into, String id, InetSocketAddress address) {
    into.add(id + " " + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  @Test
  void twoSourcesOnOnePortFindEachOtherWithinASecond() throws Exception {
    a.start(new LocalNode(LanPacketTest.device(1), 41001), (id, address, source) -> {
      assertThat(source).isEqualTo("lan");
      record(foundByA, id, address);
    });
    a.announce(Set.of(LanPacketTest.ID_A, LanPacketTest.ID_B));
    Thread.sleep(200); // a's own announcements have gone by: b must be answered, not lucky
    b.start(new LocalNode(LanPacketTest.device(2), 41002),
        (id, address, source) -> record(foundByB, id, address));
    b.announce(Set.of(LanPacketTest.ID_A, ONLY_B));

    await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(foundByA).contains(LanPacketTest.ID_A + " 127.0.0.1:41002");
      assertThat(foundByB).contains(LanPacketTest.ID_A + " 127.0.0.1:41001");
    });
    assertThat(foundByA).noneMatch(s -> s.startsWith(ONLY_B));
    assertThat(foundByB).noneMatch(s -> s.startsWith(LanPacketTest.ID_B));
  }

  @Test
  void aNewlySharedIdIsAnnouncedAtOnce() throws Exception {
    a.start(new LocalNode(LanPacketTest.device(1), 41001),
        (id, address, source) -> record(foundByA, id, address));
    a.announce(Set.of(LanPacketTest.ID_A));
    b.start(new LocalNode(LanPacketTest.device(2), 41002),
        (id, address, source) -> record(foundByB, id, address));
    b.announce(Set.of(ONLY_B));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
        .until(foundByA::isEmpty);

    b.announce(Set.of(ONLY_B, LanPacketTest.ID_A));
    await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(foundByA).contains(LanPacketTest.ID_A + " 127.0.0.1:41002"));
  }

  @Test
  void announcesTheListenPortOnTheLanNotTheMappedOne() throws Exception {
    a.start(new LocalNode(LanPacketTest.device(1), 41001, () -> 51001),
        (id, address, source) -> record(foundByA, id, address));
    a.announce(Set.of(LanPacketTest.ID_A));
    b.start(new LocalNode(LanPacketTest.device(2), 41002),
        (id, address, source) -> record(foundByB, id, address));
    b.announce(Set.of(LanPacketTest.ID_A));

    await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(foundByB).contains(LanPacketTest.ID_A + " 127.0.0.1:41001"));
    assertThat(foundByB).noneMatch(s -> s.endsWith(":51001"));
  }

  @Test
  void refusesAnIdThatIsNotLowerCaseHex() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.announce(Set.of("xyz")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xyz");
  }
}
