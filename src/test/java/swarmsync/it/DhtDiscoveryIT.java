package swarmsync.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons with no manual peers find each other in the Mainline DHT, with aria2's DHT node
 * on loopback as their only bootstrap node, and sync a folder.
 */
class DhtDiscoveryIT {
  @TempDir Path dir;

  @Test
  void daemonsFindEachOtherThroughTheDhtBootstrappedFromAria2() throws Exception {
    try (DhtCounterpart aria2 = DhtCounterpart.start("dht-aria2.sh", Map.of(
            "DHT_PORT", Integer.toString(DhtCounterpart.freeUdpPort()),
            "DHT_BT_PORT", Integer.toString(DhtCounterpart.freeUdpPort())), dir);
        DiscoveredPair pair = new DiscoveredPair(dir, new Daemon(dir, "a"),
            new Daemon(dir, "b"))) {
      List<String> bootstrap = List.of("--dht-bootstrap", aria2.get("DHT_NODE"));
      pair.startFindAndSync("dht", bootstrap, bootstrap);
    }
  }
}
