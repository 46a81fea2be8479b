package swarmsync.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The factory of the SSLContext every device connection uses: TLS 1.3 only, AES-256-GCM
 * preferred, ChaCha20-Poly1305 allowed, both sides presenting their device certificate.
 *
 * <p>Every socket, server socket and engine the returned context makes starts with these
 * settings, so no caller can forget them. Forward secrecy comes from TLS 1.3's (EC)DHE, which
 * it always uses. The trust manager accepts any single self-signed certificate: see
 * {@link SelfSignedTrustManager} for why, and docs/connections.md for what authenticates the
 * peer afterwards.
 */
public final class TlsContexts {
  /** The only protocol: TLS 1.3 always has (EC)DHE and encrypts the certificates. */
  public static final String PROTOCOL = "TLSv1.3";
  /**
   * Cipher suites in preference order: AES-256-GCM (AES-NI on every desktop and server CPU),
   * then ChaCha20-Poly1305 (fast in software on CPUs without AES instructions).
   */
  public static final List<String> CIPHER_SUITES =
      List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
  /** Alias of our entry in the in-memory key store; the name means nothing outside it. */
  private static final String KEY_ALIAS = "device";

  private TlsContexts() {}

  /** A TLS 1.3 context that presents {@code cert} and accepts any self-signed peer. */
  public static SSLContext create(DeviceCertificate cert) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry(KEY_ALIAS, cert.privateKey(), password,
          new Certificate[] {cert.certificate()});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(keys.getKeyManagers(), new TrustManager[] {new SelfSignedTrustManager()},
          new SecureRandom());
      return new RestrictedSslContext(context, TlsContexts::parameters);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("building the TLS context for " + cert.deviceId()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * A context for the HTTPS web interface: presents {@code cert}, asks browsers for no
   * certificate, and allows TLS 1.2 too (the server restricts the protocols it enables).
   */
  public static SSLContext forWebServer(DeviceCertificate cert) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = new char[0];
      store.setKeyEntry(KEY_ALIAS, cert.privateKey(), password,
          new Certificate[] {cert.certificate()});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, new SecureRandom());
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("building the web TLS context for " + cert.deviceId()
          + ": " + e.getMessage(), e);
    }
  }

  /** Fresh parameters: our protocol and suites, suite order ours, client certificate required. */
  static SSLParameters parameters() {
    SSLParameters parameters = new SSLParameters(CIPHER_SUITES.toArray(String[]::new),
        new String[] {PROTOCOL});
    parameters.setUseCipherSuitesOrder(true);
    parameters.setNeedClientAuth(true);
    return parameters;
  }
}
