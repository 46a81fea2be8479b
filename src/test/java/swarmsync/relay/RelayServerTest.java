package swarmsync.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import swarmsync.net.DeviceCertificate;
import swarmsync.net.TlsContexts;

/** Our relay client against our relay server on loopback: pairing, rendezvous, limits. */
class RelayServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final byte[] FOLDER = "discovery-id-20byte".getBytes(StandardCharsets.US_ASCII);

  private final List<AutoCloseable> open = new ArrayList<>();
  private RelayServer server;
  private RelayUri uri;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private void startServer(RelayLimits limits) throws IOException {
    server = new RelayServer(TlsContexts.create(DeviceCertificate.generate(new SecureRandom())),
        new InetSocketAddress("127.0.0.1", 0), limits);
    InetSocketAddress bound = server.start();
    uri = RelayUri.parse("relay://127.0.0.1:" + bound.getPort());
  }

  private static Device device() {
    return new Device(DeviceCertificate.generate(new SecureRandom()));
  }

  @Test
  void aDeviceFoundByFolderTokenIsJoinedToTheAskerAndBytesFlowBothWays() throws Exception {
    startServer(RelayLimits.DEFAULTS);
    Device a = device();
    Device b = device();
    PermanentSession aAtRelay = keep(a.client().join(uri));
    assertThat(aAtRelay.rendezvous()).isTrue();
    aAtRelay.register(List.of(FOLDER));
    await().atMost(TIMEOUT).until(() -> b.client().lookup(uri, List.of(FOLDER)).size() == 1);
    assertThat(b.client().lookup(uri, List.of(FOLDER)).get(0)).isEqualTo(a.id());
    assertThat(b.client().lookup(uri, List.of("other".getBytes(StandardCharsets.US_ASCII))))
        .isEmpty();

    CompletableFuture<RelayMessage.SessionInvitation> toA =
        CompletableFuture.supplyAsync(() -> unchecked(aAtRelay::awaitInvitation));
    RelayMessage.SessionInvitation toB = b.client().connect(uri, a.id());
    assertThat(toB.from()).isEqualTo(a.id());
    assertThat(toB.serverSocket()).isFalse();
    RelayMessage.SessionInvitation invitedA = toA.get();
    assertThat(invitedA.from()).isEqualTo(b.id());
    assertThat(invitedA.serverSocket()).isTrue();

    Socket sa = keep(a.client().joinSession(uri, invitedA));
    Socket sb = keep(b.client().joinSession(uri, toB));
    sa.getOutputStream().write("ping-from-A".getBytes(StandardCharsets.US_ASCII));
    assertThat(readN(sb, 11)).isEqualTo("ping-from-A");
    sb.getOutputStream().write("pong-from-B".getBytes(StandardCharsets.US_ASCII));
    assertThat(readN(sa, 11)).isEqualTo("pong-from-B");
    assertThat(server.activeSessions()).isEqualTo(1);
    // The relay counts a chunk after writing it on: the reader may be a moment ahead.
    await().atMost(TIMEOUT).until(() -> server.bytesRelayed() == 22);
  }

  @Test
  void connectingToAnUnknownDeviceFailsWithNotFound() throws Exception {
    startServer(RelayLimits.DEFAULTS);
    assertThatThrownBy(() -> device().client().connect(uri, new byte[32]))
        .hasMessageContaining("not found");
  }

  @Test
  void connectionsBeyondThePerIpLimitAreRefusedUntilOneCloses() throws Exception {
    startServer(RelayLimits.DEFAULTS.withMaxPerIp(2));
    PermanentSession first = keep(device().client().join(uri));
    keep(device().client().join(uri));
    assertThatThrownBy(() -> device().client().join(uri)).isInstanceOf(IOException.class);
    first.close();
    await().atMost(TIMEOUT).ignoreExceptions()
        .until(() -> keep(device().client().join(uri)) != null);
  }

  @Test
  void anIdleSessionIsClosedAfterTheIdleTimeout() throws Exception {
    startServer(RelayLimits.DEFAULTS.withIdleTimeout(Duration.ofMillis(500)));
    Device a = device();
    PermanentSession aAtRelay = keep(a.client().join(uri));
    CompletableFuture<RelayMessage.SessionInvitation> toA =
        CompletableFuture.supplyAsync(() -> unchecked(aAtRelay::awaitInvitation));
    Device b = device();
    RelayMessage.SessionInvitation toB = b.client().connect(uri, a.id());
    Socket sa = keep(a.client().joinSession(uri, toA.get()));
    Socket sb = keep(b.client().joinSession(uri, toB));
    long start = System.nanoTime();
    sb.getOutputStream().write(1);
    sa.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
    assertThat(sa.getInputStream().read()).isEqualTo(1);
    // The last byte crossed after start: the session cannot end sooner than 500 ms after it.
    assertThat(sa.getInputStream().read()).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(500));
    await().atMost(TIMEOUT).until(() -> server.activeSessions() == 0);
  }

  @Test
  void theRateCapSlowsASessionToItsBytesPerSecond() throws Exception {
    startServer(RelayLimits.DEFAULTS.withBytesPerSecond(100_000));
    Device a = device();
    PermanentSession aAtRelay = keep(a.client().join(uri));
    CompletableFuture<RelayMessage.SessionInvitation> toA =
        CompletableFuture.supplyAsync(() -> unchecked(aAtRelay::awaitInvitation));
    Device b = device();
    RelayMessage.SessionInvitation toB = b.client().connect(uri, a.id());
    Socket sa = keep(a.client().joinSession(uri, toA.get()));
    Socket sb = keep(b.client().joinSession(uri, toB));
    long start = System.nanoTime();
    CompletableFuture.runAsync(() -> unchecked(() -> {
      sa.getOutputStream().write(new byte[250_000]);
      return null;
    }));
    readN(sb, 250_000);
    // 100 kB/s with one second of burst: 250 kB take at least 1.5 s.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1400));
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  private static String readN(Socket s, int n) throws IOException {
    byte[] b = new byte[n];
    s.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
    new DataInputStream(s.getInputStream()).readFully(b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  interface IoCall<T> {
    T call() throws Exception;
  }

  static <T> T unchecked(IoCall<T> call) {
    try {
      return call.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A device: certificate, TLS context, relay client. */
  record Device(DeviceCertificate cert) {
    RelayClient client() {
      SSLContext tls = TlsContexts.create(cert);
      return new RelayClient(tls, TIMEOUT);
    }

    byte[] id() throws Exception {
      return MessageDigest.getInstance("SHA-256").digest(cert.certificate().getEncoded());
    }
  }
}
