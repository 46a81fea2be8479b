package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import swarmsync.bencode.BDict;
import swarmsync.bencode.BencodeWriter;
import swarmsync.tracker.Announce;
import swarmsync.tracker.Event;
import swarmsync.tracker.TrackerClient;
import swarmsync.tracker.TrackerServer;
import swarmsync.tracker.TrackerSettings;

/** A real BitTorrent client, aria2, announcing to our TrackerServer over HTTP and UDP. */
class Aria2TrackerIT {
  private static final TrackerSettings CLIENT = new TrackerSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(1), 2, 50);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"http", "udp"})
  void aria2AnnouncesToOurTrackerAndOthersSeeIt(String scheme) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/aria2c")),
        "skipped: aria2c not installed (Debian package aria2)");
    try (TrackerServer server = new TrackerServer(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0), Duration.ofSeconds(60), Clock.systemUTC())) {
      server.start();
      String url = scheme.equals("http") ? server.httpUrl() : server.udpUrl();
      BDict info = BDict.builder()
          .put("name", "swarmsync-aria2-test")
          .put("length", 1)
          .put("piece length", 16384)
          .put("pieces", MessageDigest.getInstance("SHA-1").digest(new byte[] {'x'}))
          .build();
      byte[] infoHash = MessageDigest.getInstance("SHA-1").digest(BencodeWriter.encode(info));
      Path torrent = dir.resolve("test.torrent");
      Files.write(torrent, BencodeWriter.encode(BDict.builder().put("announce", url)
          .put("info", info).build()));
      int aria2Port = freeTcpPort();
      // aria2 speaks UDP trackers only through its DHT socket, so the DHT is on; with
      // --interface every socket of aria2 is bound to loopback and can send nowhere else.
      Process aria2 = new ProcessBuilder("aria2c", "--no-conf", "--dir=" + dir.resolve("dl"),
          "--interface=127.0.0.1", "--enable-dht=true", "--enable-dht6=false",
          "--dht-listen-port=" + freeUdpPort(), "--dht-file-path=" + dir.resolve("dht.dat"),
          "--bt-enable-lpd=false",
          "--enable-peer-exchange=false", "--listen-port=" + aria2Port,
          "--bt-tracker-connect-timeout=5", "--bt-tracker-timeout=5", "--summary-interval=0",
          "--console-log-level=warn", "--stop=60", torrent.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("aria2.log").toFile()).start();
      try {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
            .untilAsserted(() -> assertThat(peersOf(server.httpUrl(), infoHash))
                .as("aria2 log: %s", Files.readString(dir.resolve("aria2.log")))
                .contains(new InetSocketAddress("127.0.0.1", aria2Port)));
      } finally {
        aria2.destroy();
        if (!aria2.waitFor(10, TimeUnit.SECONDS)) {
          aria2.destroyForcibly();
        }
      }
    }
  }

  private static List<InetSocketAddress> peersOf(String url, byte[] infoHash) throws Exception {
    try (TrackerClient client = TrackerClient.forUrl(url, CLIENT)) {
      return client.announce(new Announce(infoHash, Announce.randomPeerId(), 40099,
          Event.NONE)).peers();
    }
  }

  private static int freeUdpPort() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(
        InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  private static int freeTcpPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
