package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.dht.DhtNode;
import swarmsync.dht.DhtSettings;
import swarmsync.record.DeviceId;

/** DhtSources on loopback finding each other through one of our DHT nodes. */
class DhtSourceTest {
  static final DhtSettings FAST = DhtSettings.DEFAULTS
      .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(3))
      .withIntervals(Duration.ofMillis(200), Duration.ofSeconds(2));
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final String FOLDER = "0123456789abcdef0123456789abcdef01234567";

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** A found address as reported. */
  record Found(String discoveryId, InetSocketAddress address, String source) {}

  @Test
  void twoSourcesFindEachOtherDespiteASilentAndAGarbageBootstrapNode(@TempDir Path dir)
      throws Exception {
    DhtNode hub = DhtNode.start(FAST, LOOPBACK, null);
    closing.add(hub);
    DatagramSocket silent = new DatagramSocket(LOOPBACK);
    DatagramSocket garbage = new DatagramSocket(LOOPBACK);
    closing.add(silent);
    closing.add(garbage);
    Thread junk = new Thread(() -> answerWithJunk(garbage), "junk-dht");
    junk.setDaemon(true);
    junk.start();
    List<InetSocketAddress> bootstrap = List.of(address(silent), address(garbage),
        hub.localAddress());

    List<Found> atA = new CopyOnWriteArrayList<>();
    List<Found> atB = new CopyOnWriteArrayList<>();
    Path stateA = dir.resolve("a/dht.state");
    DhtSource a = source(bootstrap, stateA);
    DhtSource b = source(bootstrap, null);
    a.announce(Set.of(FOLDER));
    a.start(new LocalNode(device(1), 7001), (id, addr, src) -> atA.add(new Found(id, addr, src)));
    b.start(new LocalNode(device(2), 7002), (id, addr, src) -> atB.add(new Found(id, addr, src)));
    b.announce(Set.of(FOLDER));

    await().atMost(Duration.ofSeconds(15)).until(() -> !atA.isEmpty() && !atB.isEmpty());
    assertThat(atA).contains(new Found(FOLDER, new InetSocketAddress("127.0.0.1", 7002), "dht"));
    assertThat(atB).contains(new Found(FOLDER, new InetSocketAddress("127.0.0.1", 7001), "dht"));
    assertThat(atA).extracting(Found::address).as("own announcement is not reported")
        .doesNotContain(new InetSocketAddress("127.0.0.1", 7001));
    assertThat(a.name()).isEqualTo("dht");
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(stateA));
  }

  @Test
  void anIdNoLongerAnnouncedIsNoLongerLookedUp() throws Exception {
    DhtNode hub = DhtNode.start(FAST, LOOPBACK, null);
    closing.add(hub);
    List<Found> atA = new CopyOnWriteArrayList<>();
    DhtSource a = source(List.of(hub.localAddress()), null);
    a.start(new LocalNode(device(1), 7001), (id, addr, src) -> atA.add(new Found(id, addr, src)));
    a.announce(Set.of(FOLDER));
    a.announce(Set.of());
    DhtSource b = source(List.of(hub.localAddress()), null);
    b.start(new LocalNode(device(2), 7002), (id, addr, src) -> { });
    b.announce(Set.of(FOLDER));
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(atA::isEmpty);
  }

  private DhtSource source(List<InetSocketAddress> bootstrap, Path state) {
    DhtSource s = new DhtSource(FAST, bootstrap, LOOPBACK, state);
    closing.add(s);
    return s;
  }

  private static DeviceId device(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    return DeviceId.of(b);
  }

  private static InetSocketAddress address(DatagramSocket s) {
    return (InetSocketAddress) s.getLocalSocketAddress();
  }

  private static void answerWithJunk(DatagramSocket s) {
    byte[] buffer = new byte[4096];
    byte[] junk = "d1:rd2:id3:abce1:t2:".getBytes(StandardCharsets.ISO_8859_1);
    while (!s.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        s.receive(p);
        s.send(new DatagramPacket(junk, junk.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed: the loop ends
      }
    }
  }
}
