package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two daemons with no manual peers find each other through a tracker and sync a folder. */
class TrackerDiscoveryIT {
  @TempDir Path dir;

  @Test
  void daemonsFindEachOtherThroughOpentrackerOverHttpAndUdp() throws Exception {
    try (DiscoveredPair pair = new DiscoveredPair(dir, new Daemon(dir, "a"),
        new Daemon(dir, "b"));
        Opentracker tracker = Opentracker.start(dir, pair.discoveryId)) {
      pair.startFindAndSync("tracker", List.of("--tracker", tracker.httpUrl()),
          List.of("--tracker", tracker.udpUrl()));
    }
  }

  @Test
  void daemonsFindEachOtherThroughAThirdDaemonServingATrackerAndLaterFromTheCache() throws Exception {
    int trackerPort = Daemon.freePort();
    String url = "http://127.0.0.1:" + trackerPort + "/announce";
    try (Daemon server = new Daemon(dir, "tracker");
        DiscoveredPair pair = new DiscoveredPair(dir, new Daemon(dir, "a"),
            new Daemon(dir, "b"))) {
      server.start(Set.of(), List.of("--serve-tracker", "127.0.0.1:" + trackerPort));
      assertThat(server.log()).contains("serving a tracker at " + url);
      pair.startFindAndSync("tracker", List.of("--tracker", url),
          List.of("--tracker", "udp://127.0.0.1:" + trackerPort));
      server.close();
      pair.restartSecondFromItsCache();
    }
  }
}
