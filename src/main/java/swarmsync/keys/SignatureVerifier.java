package swarmsync.keys;

import java.security.MessageDigest;
import java.util.Optional;
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
    return decode(publicKey).map(key -> key.verify(message, signature)).orElse(false);
  }

  /**
   * The public key decoded to a curve point, done once for many signatures (decoding costs a
   * tenth of a verification); empty when the bytes are not a point.
   */
  public static Optional<Key> decode(byte[] publicKey) {
    if (publicKey.length != PUBLIC_KEY_BYTES) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Key(new Ed25519PublicKeyParameters(publicKey, 0)));
    } catch (IllegalArgumentException notAPoint) {
      return Optional.empty();
    }
  }

  /** A decoded public key; immutable, so one checks signatures on many threads at once. */
  public static final class Key {
    private final Ed25519PublicKeyParameters point;

    private Key(Ed25519PublicKeyParameters point) {
      this.point = point;
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
      if (signature.length != SIGNATURE_BYTES) {
        return false;
      }
      Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, point);
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature);
    }
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
