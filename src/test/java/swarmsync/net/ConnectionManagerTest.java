package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection managers on loopback: authentication, refusals, limits, duplicates, redial. */
class ConnectionManagerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void dialerAndListenerBothGetAnAuthenticatedTls13ConnectionCarryingBytesBothWays()
      throws Exception {
    TestDevice a = device(ConnectionSettings.DEFAULTS);
    TestDevice b = device(ConnectionSettings.DEFAULTS);

    a.manager.dial(b.address);
    PeerConnection atA = a.next();
    PeerConnection atB = b.next();

    assertThat(atA.peer()).isEqualTo(b.id());
    assertThat(atB.peer()).isEqualTo(a.id());
    assertThat(atA.peerCertificateHash()).isEqualTo(b.cert.certificateHash());
    assertThat(atA.localCertificateHash()).isEqualTo(a.cert.certificateHash());
    assertThat(atB.peerCertificateHash()).isEqualTo(a.cert.certificateHash());
    assertThat(atA.outbound()).isTrue();
    assertThat(atB.outbound()).isFalse();
    for (PeerConnection c : List.of(atA, atB)) {
      assertThat(c.protocol()).isEqualTo("TLSv1.3");
      assertThat(c.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    }
    assertThat(atA.remoteAddress()).isEqualTo(b.address);
    assertThat(atB.remoteAddress()).isEqualTo(atA.localAddress());
    assertThat(a.manager.connectedDevices()).containsExactly(b.id());
    assertThat(b.manager.connection(a.id())).containsSame(atB);

    send(atA, "ping from a");
    assertThat(receive(atB, "ping from a".length())).isEqualTo("ping from a");
    send(atB, "pong from b");
    assertThat(receive(atA, "pong from b".length())).isEqualTo("pong from b");
  }

  @Test
  void plainTcpGarbageAndTlsClientWithoutCertificateAreRefusedAndAGoodClientStillGetsIn()
      throws Exception {
    TestDevice b = device(ConnectionSettings.DEFAULTS);
    LogCapture logs = capture(ConnectionManager.class, Level.INFO);

    try (Socket plain = connect(b)) {
      plain.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEnds(plain);
    }
    SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
    anonymous.init(null, new TrustManager[] {new SelfSignedTrustManager()}, null);
    try (SSLSocket noCert = (SSLSocket) anonymous.getSocketFactory().createSocket(
        b.address.getAddress(), b.address.getPort())) {
      noCert.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
      try {
        noCert.startHandshake();
      } catch (SSLException e) {
        // Refused during the handshake: as good as refused on the first read.
      }
      assertEnds(noCert);
    }
    await().atMost(WAIT).until(() -> logs.count("handshake failed") == 2);
    assertThat(b.received).isEmpty();

    TestDevice a = device(ConnectionSettings.DEFAULTS);
    a.manager.dial(b.address);
    assertThat(b.next().peer()).isEqualTo(a.id());
    assertThat(b.manager.connectedDevices()).containsExactly(a.id());
  }

  @Test
  void silentClientIsCutAfterTheHandshakeTimeout() throws Exception {
    TestDevice b = device(ConnectionSettings.DEFAULTS.withHandshakeTimeout(
        Duration.ofMillis(300)));
    LogCapture logs = capture(ConnectionManager.class, Level.INFO);

    long start = System.nanoTime();
    try (Socket silent = connect(b)) {
      assertEnds(silent);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    await().atMost(WAIT).until(() -> logs.count("handshake timed out after 300 ms") == 1);
    assertThat(b.manager.handshakesInProgress()).isZero();
  }

  @Test
  void clientTricklingItsHandshakeByteByByteIsCutAtTheDeadline() throws Exception {
    TestDevice b = device(ConnectionSettings.DEFAULTS.withHandshakeTimeout(
        Duration.ofMillis(300)));
    LogCapture logs = capture(ConnectionManager.class, Level.INFO);
    Socket trickler = connect(b);
    // A TLS handshake record header announcing 512 bytes, then one byte every 50 ms: each
    // read succeeds within the read timeout, so only the total deadline can end it.
    trickler.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
    long start = System.nanoTime();
    Thread drip = new Thread(() -> {
      try {
        for (int i = 0; i < 200; i++) {
          trickler.getOutputStream().write(1);
          Thread.sleep(50);
        }
      } catch (IOException | InterruptedException e) {
        // Cut by the server: what the test waits for.
      }
    }, "test-trickler");
    drip.setDaemon(true);
    drip.start();

    assertEnds(trickler);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
    await().atMost(WAIT).until(() -> logs.count("handshake timed out after 300 ms") == 1);
  }

  @Test
  void silentClientsDoNotHoldUpAnotherDeviceWhileTheyWait() throws Exception {
    TestDevice b = device(ConnectionSettings.DEFAULTS.withHandshakeTimeout(
        Duration.ofSeconds(60)));
    List<Socket> silent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      silent.add(connect(b));
    }
    await().atMost(WAIT).until(() -> b.manager.handshakesInProgress() == 5);

    TestDevice a = device(ConnectionSettings.DEFAULTS);
    a.manager.dial(b.address);

    assertThat(b.next().peer()).isEqualTo(a.id());
    assertThat(b.manager.handshakesInProgress()).isEqualTo(5);
  }

  @Test
  void handshakesBeyondTheLimitAreRefusedAtOnceAndSlotsComeBack() throws Exception {
    TestDevice b = device(ConnectionSettings.DEFAULTS.withHandshakeTimeout(
        Duration.ofSeconds(60)).withMaxHandshakes(2));
    LogCapture logs = capture(ConnectionManager.class, Level.INFO);
    Socket first = connect(b);
    Socket second = connect(b);
    await().atMost(WAIT).until(() -> b.manager.handshakesInProgress() == 2);

    try (Socket third = connect(b)) {
      assertEnds(third);
    }
    assertThat(logs.count("2 handshakes already in progress")).isEqualTo(1);

    first.close();
    second.close();
    await().atMost(WAIT).until(() -> b.manager.handshakesInProgress() == 0);
    TestDevice a = device(ConnectionSettings.DEFAULTS);
    a.manager.dial(b.address);
    assertThat(b.next().peer()).isEqualTo(a.id());
  }

  @Test
  void devicesDialingEachOtherAtOnceBothKeepTheOneConnectionDialedByTheSmallerId()
      throws Exception {
    for (int round = 0; round < 3; round++) {
      TestDevice a = device(ConnectionSettings.DEFAULTS);
      TestDevice b = device(ConnectionSettings.DEFAULTS);

      a.manager.dial(b.address);
      b.manager.dial(a.address);

      await().atMost(WAIT).pollDelay(Duration.ofMillis(200))
          .untilAsserted(() -> assertOneSharedConnection(a, b));
      await().during(Duration.ofMillis(500)).atMost(WAIT)
          .untilAsserted(() -> assertOneSharedConnection(a, b));
      boolean aIsSmaller = a.id().compareTo(b.id()) < 0;
      assertThat(a.manager.connection(b.id()).orElseThrow().outbound()).isEqualTo(aIsSmaller);
      assertThat(b.manager.connection(a.id()).orElseThrow().outbound()).isEqualTo(!aIsSmaller);
    }
  }

  @Test
  void dialerReconnectsByItselfWhenThePeerComesBackOnTheSamePort() throws Exception {
    LogCapture dials = capture(Dialer.class, Level.DEBUG);
    TestDevice a = device(ConnectionSettings.DEFAULTS.withBackoff(Duration.ofMillis(50),
        Duration.ofMillis(400)));
    TestDevice b = device(ConnectionSettings.DEFAULTS);
    a.manager.dial(b.address);
    PeerConnection first = a.next();
    b.next();

    b.close();
    assertEnds(first.in());
    await().atMost(WAIT).until(() -> a.manager.connectedDevices().isEmpty());
    await().atMost(WAIT).until(() -> dials.count("dialing " + b.address + " failed") >= 2);
    TestDevice restarted = track(TestDevice.restart(b, ConnectionSettings.DEFAULTS));

    PeerConnection second = a.next();
    assertThat(second.peer()).isEqualTo(b.id());
    assertThat(restarted.next().peer()).isEqualTo(a.id());
    assertThat(a.manager.connectedDevices()).containsExactly(b.id());
  }

  @Test
  void dialingOurOwnListenAddressIsRefusedAndNotRedialedSoon() throws Exception {
    LogCapture logs = capture(ConnectionManager.class, Level.INFO);
    TestDevice a = device(ConnectionSettings.DEFAULTS.withBackoff(Duration.ofMillis(10),
        Duration.ofMillis(20)));

    a.manager.dial(a.address);

    await().atMost(WAIT).until(() -> logs.count("self-connection") >= 1);
    await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() ->
        logs.count("self-connection") <= 2 && a.manager.connectedDevices().isEmpty()
            && a.received.isEmpty());
  }

  private static void assertOneSharedConnection(TestDevice a, TestDevice b) {
    assertThat(a.manager.connectedDevices()).containsExactly(b.id());
    assertThat(b.manager.connectedDevices()).containsExactly(a.id());
    PeerConnection atA = a.manager.connection(b.id()).orElseThrow();
    PeerConnection atB = b.manager.connection(a.id()).orElseThrow();
    assertThat(atA.localAddress()).isEqualTo(atB.remoteAddress());
    assertThat(atA.remoteAddress()).isEqualTo(atB.localAddress());
    assertThat(a.open()).containsExactly(atA);
    assertThat(b.open()).containsExactly(atB);
  }

  private TestDevice device(ConnectionSettings settings) throws IOException {
    return track(TestDevice.start(settings));
  }

  private LogCapture capture(Class<?> type, Level level) {
    return track(LogCapture.of(type, level));
  }

  private <T extends AutoCloseable> T track(T closeable) {
    closing.add(closeable);
    return closeable;
  }

  private Socket connect(TestDevice device) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), device.address.getPort());
    socket.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
    return track(socket);
  }

  private static void send(PeerConnection connection, String text) throws IOException {
    connection.out().write(text.getBytes(StandardCharsets.UTF_8));
    connection.out().flush();
  }

  private static String receive(PeerConnection connection, int length) throws IOException {
    return new String(connection.in().readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Asserts the peer closes the socket: end of stream or reset, not a read timeout. */
  private static void assertEnds(Socket socket) throws IOException {
    socket.setSoTimeout(Math.toIntExact(WAIT.toMillis()));
    assertEnds(socket.getInputStream());
  }

  private static void assertEnds(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // Skip what the peer sent before closing, such as a TLS alert.
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("peer did not close the connection", e);
    } catch (SocketException | SSLException e) {
      // Reset or alert: closed by the peer as well.
    }
  }
}
