package swarmsync.net;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that accepts any chain of exactly one self-signed certificate, as client and
 * as server, because a device's identity is the hash of its certificate, not a CA's word.
 *
 * <p>This is safe because TLS still proves possession: the peer signs the handshake transcript
 * with the key of the certificate it presents, so after the handshake the peer is the device
 * whose id is SHA-256 of that certificate. Whether that device is welcome is decided above
 * TLS: by the device id the caller expected (pinning) and by the folder proofs, which are bound
 * to both certificate hashes, so a man in the middle with its own certificate cannot relay
 * them. Validity dates are not checked: device certificates live twenty years, and a device
 * must not drop off the swarm because a clock is wrong.
 */
final class SelfSignedTrustManager extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  /** No CA names in the certificate request: the peer presents its one device certificate. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NO_ISSUERS;
  }

  static void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length != 1) {
      throw new CertificateException("peer must present exactly one self-signed certificate, "
          + "got a chain of " + (chain == null ? 0 : chain.length));
    }
    X509Certificate cert = chain[0];
    if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
      throw new CertificateException("peer certificate is not self-issued: subject "
          + cert.getSubjectX500Principal() + ", issuer " + cert.getIssuerX500Principal());
    }
    try {
      cert.verify(cert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new CertificateException("peer certificate is not signed by its own key: "
          + e.getMessage(), e);
    }
  }
}
