package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import swarmsync.relay.RelayLimits;
import swarmsync.relay.RelayServer;
import swarmsync.relay.RelayUri;

/**
 * Two connection managers that know nothing of each other but a folder's discovery id and a
 * relay (ours, on loopback) meet there, run the peer TLS handshake over the relayed stream,
 * and give the relayed connection up for a direct one as soon as one is dialed.
 */
class RelayConnectorTest {
  private static final byte[] FOLDER = "a-20-byte-folder-id!".getBytes(StandardCharsets.US_ASCII);
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void devicesSharingOnlyAFolderAndARelayConnectThroughItThenGoDirect() throws Exception {
    try (RelayServer relay = new RelayServer(
            TlsContexts.create(DeviceCertificate.generate(new SecureRandom())),
            new InetSocketAddress("127.0.0.1", 0), RelayLimits.DEFAULTS);
        TestDevice a = TestDevice.start();
        TestDevice b = TestDevice.start()) {
      RelayUri uri = RelayUri.parse("relay://127.0.0.1:" + relay.start().getPort());
      try (RelayConnector atA = new RelayConnector(a.manager, a.cert, List.of(uri),
              () -> List.of(FOLDER), Set::of);
          RelayConnector atB = new RelayConnector(b.manager, b.cert, List.of(uri),
              () -> List.of(FOLDER), Set::of)) {
        atA.start();
        atB.start();
        await().atMost(WAIT).until(() -> a.manager.connection(b.id()).isPresent()
            && b.manager.connection(a.id()).isPresent());
        PeerConnection relayed = a.manager.connection(b.id()).orElseThrow();
        assertThat(relayed.relayed()).isTrue();
        assertThat(relayed.relay()).contains(uri.toString());
        assertThat(relay.activeSessions()).isPositive();

        a.manager.dial(b.address);
        await().atMost(WAIT).until(() -> a.manager.connection(b.id())
            .filter(c -> !c.relayed()).isPresent() && b.manager.connection(a.id())
            .filter(c -> !c.relayed()).isPresent());
        await().atMost(WAIT).until(relayed::isClosed);
      }
    }
  }
}
