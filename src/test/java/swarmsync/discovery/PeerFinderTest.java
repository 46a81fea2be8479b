package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import swarmsync.record.DeviceId;

class PeerFinderTest {
  private static final String ID = "5151515151515151515151515151515151515151";
  private static final DeviceId US = device(1);
  private static final DeviceId PEER = device(2);
  private static final int OUR_PORT = 41111;

  /** A source that records what it is told and reports what the test makes it find. */
  private static final class ScriptedSource implements PeerSource {
    final String name;
    final boolean failsToStart;
    final List<Set<String>> announced = new CopyOnWriteArrayList<>();
    FoundPeers found;
    boolean closed;

    ScriptedSource(String name, boolean failsToStart) {
      this.name = name;
      this.failsToStart = failsToStart;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start(LocalNode self, FoundPeers found) throws IOException {
      if (failsToStart) {
        throw new IOException("no multicast-capable interface");
      }
      this.found = found;
    }

    @Override
    public void announce(Set<String> discoveryIds) {
      announced.add(discoveryIds);
    }

    @Override
    public void close() {
      closed = true;
    }

    void find(String host, int port) {
      found.found(ID, new InetSocketAddress(host, port), name);
    }
  }

  private final List<InetSocketAddress> dialed = new ArrayList<>();

  private static DeviceId device(int b) {
    byte[] bytes = new byte[DeviceId.LENGTH];
    Arrays.fill(bytes, (byte) b);
    return DeviceId.of(bytes);
  }

  private PeerFinder started(PeerSource... sources) {
    PeerFinder finder = new PeerFinder(List.of(sources), dialed::add);
    finder.start(new LocalNode(US, OUR_PORT), Set.of(ID));
    return finder;
  }

  @Test
  void aSourceThatFailsToStartIsClosedAndTheOthersRun() {
    ScriptedSource lan = new ScriptedSource("lan", true);
    ScriptedSource dht = new ScriptedSource("dht", false);
    try (PeerFinder finder = started(lan, dht)) {
      assertThat(finder.runningSources()).containsExactly("dht");
      assertThat(lan.closed).isTrue();
      dht.find("10.0.0.2", 40000);
      assertThat(dialed).containsExactly(new InetSocketAddress("10.0.0.2", 40000));
    }
    assertThat(dht.closed).isTrue();
  }

  @Test
  void eachAddressIsDialedOnceAndOurOwnNever() {
    ScriptedSource lan = new ScriptedSource("lan", false);
    ScriptedSource tracker = new ScriptedSource("tracker", false);
    try (PeerFinder finder = started(lan, tracker)) {
      lan.find("10.0.0.2", 40000);
      tracker.find("10.0.0.2", 40000);
      lan.find("127.0.0.1", OUR_PORT);
      lan.find("0.0.0.0", OUR_PORT);
      lan.find("127.0.0.1", OUR_PORT + 1);
      assertThat(dialed).containsExactly(new InetSocketAddress("10.0.0.2", 40000),
          new InetSocketAddress("127.0.0.1", OUR_PORT + 1));
    }
  }

  @Test
  void folderChangesReachEveryRunningSource() {
    ScriptedSource lan = new ScriptedSource("lan", false);
    try (PeerFinder finder = started(lan)) {
      finder.announce(Set.of());
      assertThat(lan.announced).containsExactly(Set.of(ID), Set.of());
    }
  }

  @Test
  void foundByIsTheFirstSourceOfTheDialedAddressOrOfTheDeviceItReached() {
    ScriptedSource lan = new ScriptedSource("lan", false);
    ScriptedSource tracker = new ScriptedSource("tracker", false);
    PeerFinder finder = new PeerFinder(List.of(lan, tracker), dialed::add);
    finder.dialManual(InetSocketAddress.createUnresolved("10.0.0.9", 40009));
    finder.start(new LocalNode(US, OUR_PORT), Set.of(ID));
    tracker.find("10.0.0.2", 40000);
    lan.find("10.0.0.2", 40000);
    tracker.find("10.0.0.9", 40009);
    InetSocketAddress reachedPeer = new InetSocketAddress("10.0.0.2", 40000);
    Map<InetSocketAddress, DeviceId> reached = Map.of(reachedPeer, PEER);

    assertThat(finder.foundBy(PEER, reachedPeer, true, a -> Optional.empty()))
        .isEqualTo("tracker");
    assertThat(finder.foundBy(PEER, new InetSocketAddress("10.0.0.9", 40009), true,
        a -> Optional.empty())).isEqualTo("manual");
    assertThat(finder.foundBy(PEER, new InetSocketAddress("10.0.0.2", 51234), false,
        a -> Optional.ofNullable(reached.get(a)))).isEqualTo("tracker");
    assertThat(finder.foundBy(device(3), new InetSocketAddress("10.0.0.3", 51234), false,
        a -> Optional.ofNullable(reached.get(a)))).isEqualTo("manual");
    finder.close();
  }

  @Test
  void addressesAPeerToldUsAreDialedOnceAsFoundByPexButNeverOurOwn() {
    ScriptedSource lan = new ScriptedSource("lan", false);
    try (PeerFinder finder = started(lan)) {
      InetSocketAddress peer = new InetSocketAddress("10.0.0.4", 40004);
      finder.dialExchanged(peer);
      finder.dialExchanged(peer);
      finder.dialExchanged(new InetSocketAddress("127.0.0.1", OUR_PORT));
      lan.find("10.0.0.4", 40004);
      assertThat(dialed).containsExactly(peer);
      assertThat(finder.foundBy(PEER, peer, true, a -> Optional.empty())).isEqualTo("pex");
    }
  }
}
