package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import swarmsync.discovery.DhtSource;
import swarmsync.discovery.LocalNode;
import swarmsync.dht.DhtNode;
import swarmsync.dht.DhtSettings;
import swarmsync.record.DeviceId;
import swarmsync.util.Hex;

/** Our DHT nodes with aria2's DHT on loopback as the only bootstrap node. */
class Aria2DhtIT {
  private static final DhtSettings SETTINGS = DhtSettings.DEFAULTS
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
      .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5));
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private static Path dir;
  private static DhtCounterpart aria2;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  static void startAria2() throws Exception {
    dir = Files.createTempDirectory("aria2-dht-it");
    int port = DhtCounterpart.freeUdpPort();
    aria2 = DhtCounterpart.start("dht-aria2.sh", Map.of("DHT_PORT", Integer.toString(port),
        "DHT_BT_PORT", Integer.toString(DhtCounterpart.freeUdpPort())), dir);
  }

  @AfterAll
  static void stopAria2() throws Exception {
    if (aria2 != null) {
      aria2.close();
    }
  }

  @AfterEach
  void closeNodes() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void ourNodeBootstrapsFromAria2Alone() throws Exception {
    DhtNode a = node();
    assertThat(a.ping(aria2.node()).get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(a.bootstrap(List.of(aria2.node())).get(20, TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void twoOfOurNodesFindEachOtherThroughAria2AndAria2ReturnsUsToItsOwnGetPeers()
      throws Exception {
    DhtNode a = node();
    DhtNode b = node();
    a.bootstrap(List.of(aria2.node())).get(20, TimeUnit.SECONDS);
    b.bootstrap(List.of(aria2.node())).get(20, TimeUnit.SECONDS);
    byte[] hash = sha1("aria2 folder " + System.nanoTime());

    assertThat(a.announce(hash, 7101).get(20, TimeUnit.SECONDS).storedAt())
        .isGreaterThanOrEqualTo(1);
    assertThat(b.announce(hash, 7102).get(20, TimeUnit.SECONDS).peers())
        .contains(new InetSocketAddress("127.0.0.1", 7101));
    assertThat(a.getPeers(hash).get(20, TimeUnit.SECONDS))
        .contains(new InetSocketAddress("127.0.0.1", 7102));

    String probe = aria2.probeGetPeers(Hex.encode(hash), "127.0.0.1");
    assertThat(probe).as("aria2's own get_peers answer").contains("'values'")
        .contains("'127.0.0.1:7101'").contains("'127.0.0.1:7102'");
  }

  @Test
  void twoDhtSourcesFindEachOtherThroughAria2() throws Exception {
    String folder = Hex.encode(sha1("source folder " + System.nanoTime()));
    List<InetSocketAddress> atA = new CopyOnWriteArrayList<>();
    List<InetSocketAddress> atB = new CopyOnWriteArrayList<>();
    DhtSource a = source();
    DhtSource b = source();
    a.start(new LocalNode(device(1), 7201), (id, addr, src) -> atA.add(addr));
    b.start(new LocalNode(device(2), 7202), (id, addr, src) -> atB.add(addr));
    a.announce(Set.of(folder));
    b.announce(Set.of(folder));
    await().atMost(Duration.ofSeconds(40)).until(() ->
        atA.contains(new InetSocketAddress("127.0.0.1", 7202))
            && atB.contains(new InetSocketAddress("127.0.0.1", 7201)));
  }

  private DhtNode node() throws Exception {
    DhtNode n = DhtNode.start(SETTINGS, LOOPBACK, null);
    closing.add(n);
    return n;
  }

  private DhtSource source() {
    DhtSource s = new DhtSource(SETTINGS, List.of(aria2.node()), LOOPBACK, null);
    closing.add(s);
    return s;
  }

  static DeviceId device(int n) {
    byte[] b = new byte[DeviceId.LENGTH];
    b[0] = (byte) n;
    return DeviceId.of(b);
  }

  static byte[] sha1(String text) throws Exception {
    return MessageDigest.getInstance("SHA-1").digest(text.getBytes());
  }
}
