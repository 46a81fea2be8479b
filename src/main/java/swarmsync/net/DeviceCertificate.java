package swarmsync.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import swarmsync.record.DeviceId;

/**
 * This device's identity for TLS: an EC P-256 key pair and a self-signed X.509 certificate,
 * made on first start and kept in the home as {@code device-cert.pem} and
 * {@code device-key.pem} (PKCS#8), both owner-only; the device id is SHA-256 of the DER.
 *
 * <p>P-256 rather than Ed25519 because JSSE's TLS 1.3 accepts ECDSA P-256 certificates as
 * client and as server everywhere. The certificate is signed by the JDK's own
 * {@code SHA256withECDSA} through bcpkix's builders; BouncyCastle is never registered as a
 * JCE provider.
 */
public final class DeviceCertificate {
  public static final String CERT_FILE = "device-cert.pem";
  public static final String KEY_FILE = "device-key.pem";
  /** The certificate's subject and issuer; identity comes from the hash, not the name. */
  static final String SUBJECT = "CN=swarmsync";
  /** Validity: long enough never to expire under a running device. */
  static final Duration VALIDITY = Duration.ofDays(20 * 365 + 5);
  /** Start of validity this far in the past, so a peer whose clock is behind accepts it. */
  static final Duration BACKDATE = Duration.ofDays(1);
  /** Serial number length: 127 random bits keep it positive and within 20 octets. */
  static final int SERIAL_BITS = 127;

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final byte[] certificateHash;

  private DeviceCertificate(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.certificateHash = sha256(der(certificate));
  }

  /**
   * Loads the device certificate and key from {@code home}, or on first start makes them
   * (creating {@code home} owner-only if it does not exist) and writes them atomically.
   */
  public static DeviceCertificate loadOrCreate(Path home) throws IOException {
    Path certFile = home.resolve(CERT_FILE);
    Path keyFile = home.resolve(KEY_FILE);
    if (Files.exists(certFile)) {
      if (!Files.exists(keyFile)) {
        throw new IOException("device certificate " + certFile + " exists but its key "
            + keyFile + " is missing; remove the certificate to make a new device identity");
      }
      return load(certFile, keyFile);
    }
    // No certificate: first start, or one interrupted before the certificate was written
    // (the key is written first), so no peer can know this device yet.
    DeviceCertificate made = generate(new SecureRandom());
    PrivateFiles.createDirectory(home);
    PrivateFiles.write(keyFile, Pem.encode(Pem.PRIVATE_KEY, made.privateKey.getEncoded()));
    PrivateFiles.write(certFile, Pem.encode(Pem.CERTIFICATE, der(made.certificate)));
    return made;
  }

  /** A new device identity in memory only (for tests and throwaway nodes). */
  public static DeviceCertificate generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name(SUBJECT);
      Instant notBefore = Instant.now().minus(BACKDATE);
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(SERIAL_BITS, random), Date.from(notBefore),
          Date.from(notBefore.plus(VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
          .setSecureRandom(random).build(pair.getPrivate());
      byte[] der = builder.build(signer).getEncoded();
      return new DeviceCertificate(parseCertificate(der), pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("making a device certificate: " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** SHA-256 of the certificate's DER encoding: 32 bytes, the device's identity. */
  public byte[] certificateHash() {
    return certificateHash.clone();
  }

  public DeviceId deviceId() {
    return DeviceId.of(certificateHash);
  }

  @Override
  public String toString() {
    return "DeviceCertificate[" + deviceId() + "]";
  }

  private static DeviceCertificate load(Path certFile, Path keyFile) throws IOException {
    X509Certificate certificate;
    try {
      certificate = parseCertificate(Pem.decode(Pem.CERTIFICATE, Files.readString(certFile,
          StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException | CertificateException e) {
      throw new IOException("device certificate " + certFile
          + " is not an X.509 certificate in PEM: " + e.getMessage(), e);
    }
    PrivateKey key;
    try {
      byte[] pkcs8 = Pem.decode(Pem.PRIVATE_KEY, Files.readString(keyFile,
          StandardCharsets.US_ASCII));
      key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException("device key " + keyFile
          + " is not a PKCS#8 EC private key in PEM: " + e.getMessage(), e);
    }
    if (!keyMatches(certificate, key)) {
      throw new IOException("device key " + keyFile + " does not belong to certificate "
          + certFile);
    }
    return new DeviceCertificate(certificate, key);
  }

  /** Whether {@code key} signs what the certificate's public key verifies. */
  private static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
    try {
      byte[] probe = "swarmsync device key check".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance("SHA256withECDSA");
      sign.initSign(key);
      sign.update(probe);
      Signature verify = Signature.getInstance("SHA256withECDSA");
      verify.initVerify(certificate.getPublicKey());
      verify.update(probe);
      return verify.verify(sign.sign());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static X509Certificate parseCertificate(byte[] der) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("encoding a parsed certificate", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
