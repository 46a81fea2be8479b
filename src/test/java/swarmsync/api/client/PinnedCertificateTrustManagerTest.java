package swarmsync.api.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import swarmsync.net.DeviceCertificate;

class PinnedCertificateTrustManagerTest {
  private final SecureRandom random = new SecureRandom();
  private final X509Certificate daemon = DeviceCertificate.generate(random).certificate();
  private final X509Certificate other = DeviceCertificate.generate(random).certificate();
  private final PinnedCertificateTrustManager pinned =
      new PinnedCertificateTrustManager(PinnedCertificateTrustManager.sha256Hex(daemon));

  @Test
  void trustsThePinnedCertificate() {
    assertThatCode(() -> pinned.checkServerTrusted(new X509Certificate[] {daemon}, "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAnyOtherCertificateAndEmptyChains() {
    assertThatThrownBy(() -> pinned.checkServerTrusted(new X509Certificate[] {other}, "EC"))
        .isInstanceOf(CertificateException.class).hasMessageContaining("not the daemon's");
    assertThatThrownBy(() -> pinned.checkServerTrusted(new X509Certificate[0], "EC"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> pinned.checkClientTrusted(new X509Certificate[] {daemon}, "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void aPinIsThirtyTwoBytesOfHex() {
    assertThatThrownBy(() -> new PinnedCertificateTrustManager("abcd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PinnedCertificateTrustManager("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
