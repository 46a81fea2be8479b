package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.record.DeviceId;

/** The device certificate: made once, kept owner-only, loaded the same ever after. */
class DeviceCertificateTest {
  @TempDir
  Path temp;

  @Test
  void secondStartLoadsTheSameDeviceIdentity() throws IOException {
    DeviceCertificate first = DeviceCertificate.loadOrCreate(temp);
    DeviceCertificate second = DeviceCertificate.loadOrCreate(temp);

    assertThat(second.deviceId()).isEqualTo(first.deviceId());
    assertThat(second.certificate()).isEqualTo(first.certificate());
    assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
  }

  @Test
  void keyAndCertificateFilesAreOwnerOnlyAndNoTemporaryFileIsLeft() throws IOException {
    DeviceCertificate.loadOrCreate(temp);

    assertThat(mode(temp.resolve("device-cert.pem"))).isEqualTo("rw-------");
    assertThat(mode(temp.resolve("device-key.pem"))).isEqualTo("rw-------");
    try (var files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("device-cert.pem", "device-key.pem");
    }
  }

  @Test
  void missingHomeIsCreatedOwnerOnly() throws IOException {
    Path home = temp.resolve("new/home");

    DeviceCertificate.loadOrCreate(home);

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(Files.readString(home.resolve("device-key.pem")))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(home.resolve("device-cert.pem")))
        .startsWith("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void deviceIdIsSha256OfTheCertificateDer() throws Exception {
    DeviceCertificate device = DeviceCertificate.generate(new SecureRandom());
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(device.certificate().getEncoded());

    assertThat(device.certificateHash()).isEqualTo(hash);
    assertThat(device.deviceId()).isEqualTo(DeviceId.of(hash));
    assertThat(device.deviceId().toString()).matches("([A-Z2-7]{4}-){12}[A-Z2-7]{4}");
  }

  @Test
  void certificateIsSelfSignedP256ForTwentyYears() throws Exception {
    X509Certificate cert = DeviceCertificate.generate(new SecureRandom()).certificate();

    cert.verify(cert.getPublicKey());
    cert.checkValidity();
    assertThat(cert.getVersion()).isEqualTo(3);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=swarmsync");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField()
        .getFieldSize()).isEqualTo(256);
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    Duration validity = Duration.between(cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant());
    assertThat(validity).isGreaterThanOrEqualTo(Duration.ofDays(20 * 365));
    assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(7300)));
  }

  @Test
  void corruptKeyFileGivesAClearErrorNamingTheFile() throws IOException {
    DeviceCertificate.loadOrCreate(temp);
    Path key = temp.resolve("device-key.pem");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> DeviceCertificate.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("device key " + key + " is not a PKCS#8 EC private key in PEM");
    Files.writeString(key, "garbage");
    assertThatThrownBy(() -> DeviceCertificate.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("device key " + key + " is not a PKCS#8 EC private key in PEM");
  }

  @Test
  void corruptCertificateFileGivesAClearErrorNamingTheFile() throws IOException {
    DeviceCertificate.loadOrCreate(temp);
    Path cert = temp.resolve("device-cert.pem");
    Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> DeviceCertificate.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("device certificate " + cert + " is not an X.509 certificate");
  }

  @Test
  void keyOfAnotherDeviceIsRefused() throws IOException {
    Path other = temp.resolve("other");
    DeviceCertificate.loadOrCreate(temp);
    DeviceCertificate.loadOrCreate(other);
    Files.copy(other.resolve("device-key.pem"), temp.resolve("device-key.pem"),
        StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> DeviceCertificate.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not belong to certificate");
  }

  @Test
  void certificateWithoutItsKeyIsRefusedRatherThanReplaced() throws IOException {
    DeviceCertificate.loadOrCreate(temp);
    Files.delete(temp.resolve("device-key.pem"));

    assertThatThrownBy(() -> DeviceCertificate.loadOrCreate(temp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exists but its key")
        .hasMessageContaining("device-key.pem is missing");
  }

  @Test
  void keyLeftByAnInterruptedFirstStartIsReplacedByANewIdentity() throws IOException {
    Files.writeString(temp.resolve("device-key.pem"), "half written", StandardCharsets.US_ASCII);

    DeviceCertificate made = DeviceCertificate.loadOrCreate(temp);

    assertThat(DeviceCertificate.loadOrCreate(temp).deviceId()).isEqualTo(made.deviceId());
  }

  @Test
  void toStringShowsTheDeviceIdOnly() {
    DeviceCertificate device = DeviceCertificate.generate(new SecureRandom());

    assertThat(device.toString()).isEqualTo("DeviceCertificate[" + device.deviceId() + "]");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
