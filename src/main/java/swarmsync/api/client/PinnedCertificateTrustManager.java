package swarmsync.api.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by the SHA-256 of its DER encoding: the device
 * certificate the daemon's HTTPS API presents, as recorded in {@code daemon.json}.
 *
 * <p>It is an {@link X509ExtendedTrustManager} on purpose: the JDK then leaves identity checks
 * to it, and it checks none by host name, because the device certificate names no host
 * (CN=swarmsync, no subjectAltName). Pinning the exact certificate is stronger than a host
 * name check: no other certificate, whoever signed it, is accepted. This affects only the
 * client built from {@link #sslContext}, not the JVM's defaults.
 */
public final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {
  private final byte[] pinnedSha256;

  /** Trusts the certificate whose DER SHA-256 is {@code sha256Hex}. */
  public PinnedCertificateTrustManager(String sha256Hex) {
    byte[] pin = HexFormat.of().parseHex(sha256Hex);
    if (pin.length != 32) {
      throw new IllegalArgumentException("a certificate pin is 32 bytes of SHA-256");
    }
    this.pinnedSha256 = pin;
  }

  /** A TLS client context trusting only the pinned certificate. */
  public static SSLContext sslContext(String sha256Hex) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinnedCertificateTrustManager(sha256Hex)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("building the pinned TLS context: " + e.getMessage(), e);
    }
  }

  /** Hex SHA-256 of {@code cert}'s DER encoding. */
  public static String sha256Hex(X509Certificate cert) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("hashing a certificate: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    byte[] actual;
    try {
      actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new CertificateException(e);
    }
    if (!MessageDigest.isEqual(actual, pinnedSha256)) {
      throw new CertificateException("the server's certificate is not the daemon's");
    }
    chain[0].checkValidity();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client-side trust manager trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
