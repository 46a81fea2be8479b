package swarmsync.keys;

import java.security.MessageDigest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks the folder's Ed25519 signatures and that a public key {@code P} sent by a peer is the
 * one a folder's fingerprint {@code fp} names; what read-only and encrypted peers use.
 */
public final class SignatureVerifier {
  /** Ed25519 public key length in bytes. */
  public static final int PUBLIC_KEY_BYTES = 32;
  /** Ed25519 signature length in bytes. */
  public static final int SIGNATURE_BYTES = 64;
  /** Fingerprint length in bytes: 128 bits, enough against second preimages. */
  public static final int FINGERPRINT_BYTES = 16;

  private SignatureVerifier() {}

  /** Whether {@code signature} is a valid Ed25519 signature of {@code message} by the key. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    Ed25519PublicKeyParameters key;
    try {
      key = new Ed25519PublicKeyParameters(publicKey, 0);
    } catch (IllegalArgumentException notAPoint) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** Whether {@code fp} = SHA-256("fp" || publicKey)[0..16), compared in constant time. */
  public static boolean publicKeyMatches(byte[] publicKey, byte[] fp) {
    return publicKey.length == PUBLIC_KEY_BYTES
        && MessageDigest.isEqual(fingerprint(publicKey), fp);
  }

  /** The fingerprint {@code fp} of a folder public key {@code P}. */
  static byte[] fingerprint(byte[] publicKey) {
    return Hashes.prefix(Hashes.sha256(Hashes.ascii("fp"), publicKey), FINGERPRINT_BYTES);
  }
}
