package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The TLS context: TLS 1.3 with our two suites on everything it makes, one self-signed cert. */
class TlsContextsTest {
  private static final String[] SUITES = {"TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256"};

  private final SSLContext context =
      TlsContexts.create(DeviceCertificate.generate(new SecureRandom()));

  @Test
  void socketsServerSocketsAndEnginesAllowOnlyTls13WithTheTwoSuitesInOrder() throws Exception {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
            .createServerSocket()) {
      SSLEngine engine = context.createSSLEngine();

      assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
      assertThat(socket.getEnabledCipherSuites()).containsExactly(SUITES);
      assertThat(server.getEnabledProtocols()).containsExactly("TLSv1.3");
      assertThat(server.getEnabledCipherSuites()).containsExactly(SUITES);
      assertThat(server.getNeedClientAuth()).isTrue();
      assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
      assertThat(engine.getEnabledCipherSuites()).containsExactly(SUITES);
      assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3");
    }
  }

  @Test
  void clientOfferingOnlyTls12IsRefused() throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
          socket.startHandshake();
        } catch (IOException e) {
          // Expected: the handshake fails on this side too.
        }
      });
      SSLContext old = SSLContext.getInstance("TLSv1.2");
      old.init(null, new TrustManager[] {new SelfSignedTrustManager()}, null);
      try (SSLSocket client = (SSLSocket) old.getSocketFactory().createSocket(
          server.getInetAddress(), server.getLocalPort())) {
        client.setEnabledProtocols(new String[] {"TLSv1.2"});

        assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
      }
      accepted.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void chainOfMoreOrFewerThanOneCertificateIsRefused() {
    X509Certificate one = DeviceCertificate.generate(new SecureRandom()).certificate();
    X509Certificate two = DeviceCertificate.generate(new SecureRandom()).certificate();

    assertThatThrownBy(() -> SelfSignedTrustManager.check(new X509Certificate[] {one, two}))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("exactly one self-signed certificate, got a chain of 2");
    assertThatThrownBy(() -> SelfSignedTrustManager.check(new X509Certificate[0]))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("got a chain of 0");
  }

  @Test
  void certificateNamingItselfButSignedByAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair subject = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();
    X500Name name = new X500Name("CN=swarmsync");
    Instant now = Instant.now();
    X509Certificate forged = new JcaX509CertificateConverter().getCertificate(
        new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
            Date.from(now.plus(1, ChronoUnit.DAYS)), name, subject.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate())));

    assertThatThrownBy(() -> SelfSignedTrustManager.check(new X509Certificate[] {forged}))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("not signed by its own key");
  }

  @Test
  void deviceCertificateIsAccepted() throws Exception {
    X509Certificate cert = DeviceCertificate.generate(new SecureRandom()).certificate();

    SelfSignedTrustManager.check(new X509Certificate[] {cert});
  }
}
