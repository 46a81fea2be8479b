package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/**
 * JSSE accepts the device certificate in TLS 1.3 as server and as client: the reason it is
 * EC P-256. The trust manager here accepts any certificate, as ours will (identity is the hash).
 */
class DeviceCertificateTlsTest {
  private static final String SUITE = "TLS_AES_256_GCM_SHA384";

  @Test
  void twoDevicesCompleteMutualTls13HandshakeAndSeeEachOthersCertificateHash()
      throws Exception {
    DeviceCertificate server = DeviceCertificate.generate(new SecureRandom());
    DeviceCertificate client = DeviceCertificate.generate(new SecureRandom());

    try (SSLServerSocket listener = (SSLServerSocket) context(server).getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      listener.setEnabledProtocols(new String[] {"TLSv1.3"});
      listener.setEnabledCipherSuites(new String[] {SUITE});
      CompletableFuture<byte[]> seenByServer = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket accepted = (SSLSocket) listener.accept()) {
          accepted.startHandshake();
          return peerHash(accepted.getSession());
        } catch (IOException | GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      });
      try (SSLSocket socket = (SSLSocket) context(client).getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(listener.getInetAddress(),
            listener.getLocalPort()), 5_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.startHandshake();
        SSLSession session = socket.getSession();

        assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(session.getCipherSuite()).isEqualTo(SUITE);
        assertThat(peerHash(session)).isEqualTo(server.certificateHash());
        assertThat(seenByServer.get(10, TimeUnit.SECONDS)).isEqualTo(client.certificateHash());
      }
    }
  }

  private static SSLContext context(DeviceCertificate device) throws GeneralSecurityException,
      IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = new char[0];
    store.setKeyEntry("device", device.privateKey(), password,
        new Certificate[] {device.certificate()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys.getKeyManagers(), new TrustManager[] {new AnyCertificate()}, null);
    return context;
  }

  private static byte[] peerHash(SSLSession session) throws GeneralSecurityException,
      IOException {
    return MessageDigest.getInstance("SHA-256").digest(
        session.getPeerCertificates()[0].getEncoded());
  }

  /** Trusts any certificate: the folder proofs, not a CA, decide who may join. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
