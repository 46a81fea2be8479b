package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import swarmsync.dht.AnnounceResult;
import swarmsync.dht.DhtNode;
import swarmsync.dht.DhtSettings;
import swarmsync.util.Hex;

/**
 * Our DHT nodes bound to the host side of a veth pair, with transmission-daemon's DHT
 * (libtransmission, jech/dht) in a network namespace as the only other node. Transmission drops
 * packets from loopback, so this is where it can be tested.
 */
class TransmissionDhtIT {
  private static final DhtSettings SETTINGS = DhtSettings.DEFAULTS
      .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
  /** Own namespace and subnet, so a manual run of the script with defaults does not clash. */
  private static final Map<String, String> ENV = Map.of("DHT_IMPL", "transmission",
      "DHT_NETNS", "ssdhtit", "DHT_SUBNET", "10.77.71");

  private static DhtCounterpart transmission;
  private static InetSocketAddress hostSide;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeAll
  static void startTransmission() throws Exception {
    Path dir = Files.createTempDirectory("transmission-dht-it");
    transmission = DhtCounterpart.start("dht-netns.sh", ENV, dir);
    hostSide = new InetSocketAddress(transmission.get("DHT_HOST_IP"), 0);
  }

  @AfterAll
  static void stopTransmission() throws Exception {
    if (transmission != null) {
      transmission.close();
    }
  }

  @AfterEach
  void closeNodes() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void transmissionAnswersPingFindNodeAndGetPeers() throws Exception {
    DhtNode a = node();
    assertThat(a.ping(transmission.node()).get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(a.bootstrap(List.of(transmission.node())).get(20, TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(1);
    assertThat(a.getPeers(Aria2DhtIT.sha1("nobody here")).get(20, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void transmissionStoresOurAnnounceAndReturnsItToItsOwnGetPeersAndToOurOtherNode()
      throws Exception {
    DhtNode a = node();
    DhtNode b = node();
    a.bootstrap(List.of(transmission.node())).get(20, TimeUnit.SECONDS);
    b.bootstrap(List.of(transmission.node())).get(20, TimeUnit.SECONDS);
    byte[] hash = Aria2DhtIT.sha1("transmission folder " + System.nanoTime());

    AnnounceResult announced = a.announce(hash, 7301).get(20, TimeUnit.SECONDS);
    assertThat(announced.storedAt()).isGreaterThanOrEqualTo(1);
    String hostIp = hostSide.getAddress().getHostAddress();
    String probe = transmission.probeGetPeers(Hex.encode(hash), hostIp);
    assertThat(probe).as("transmission's own get_peers answer")
        .contains("'" + hostIp + ":7301'");
    assertThat(b.getPeers(hash).get(20, TimeUnit.SECONDS))
        .contains(new InetSocketAddress(hostIp, 7301));
  }

  private DhtNode node() throws Exception {
    DhtNode n = DhtNode.start(SETTINGS, hostSide, null);
    closing.add(n);
    return n;
  }
}
