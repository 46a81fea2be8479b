package swarmsync.keys;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import swarmsync.util.Hex;

/**
 * The folder's Ed25519 signing key ({@code sk}, from {@code sign_seed}); only a read-write key
 * has one, and it signs every file record and every write proof.
 */
public final class FolderSigner {
  /** Ed25519 seed length in bytes (RFC 8032). */
  static final int SEED_BYTES = 32;

  private final Ed25519PrivateKeyParameters privateKey;
  private final byte[] publicKey;

  private FolderSigner(Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey().getEncoded();
  }

  /** The signer whose RFC 8032 private key (seed) is {@code seed}. */
  static FolderSigner fromSeed(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("Ed25519 seed must be " + SEED_BYTES + " bytes, got "
          + seed.length);
    }
    return new FolderSigner(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The folder's public key {@code P}: 32 bytes, RFC 8032 encoding. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The 64-byte Ed25519 signature of {@code message} (deterministic). */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "FolderSigner[public=" + Hex.encode(publicKey).substring(0, 8) + "…]";
  }
}
