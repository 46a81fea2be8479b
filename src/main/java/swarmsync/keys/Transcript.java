package swarmsync.keys;

import java.util.Arrays;
import swarmsync.util.Hex;

/**
 * What a join proof is bound to: one folder (or invite) and one TLS session, seen from the side
 * that makes the proof (the prover) towards the side that checks it (the verifier).
 *
 * <p>Proofs sign or MAC these bytes, every field fixed-length so the layout is unambiguous:
 * <pre>
 * "swarmsync/v1/proof/" label (ASCII: member | read | write | invite; none a prefix of another)
 * discovery_id        20 bytes
 * prover_cert_hash    32 bytes  SHA-256 of the prover's certificate (DER)
 * verifier_cert_hash  32 bytes  SHA-256 of the verifier's certificate (DER)
 * prover_nonce        32 bytes  fresh random bytes the prover sent in its Hello
 * verifier_nonce      32 bytes  fresh random bytes the verifier sent in its Hello
 * </pre>
 */
public record Transcript(byte[] discoveryId, byte[] proverCertHash, byte[] verifierCertHash,
    byte[] proverNonce, byte[] verifierNonce) {
  /** Length of a certificate hash in bytes (SHA-256). */
  public static final int CERT_HASH_BYTES = 32;
  /** Length of a session nonce in bytes: 256 bits, never repeated in practice. */
  public static final int NONCE_BYTES = 32;
  /** Common start of every proof's label. */
  static final String LABEL_PREFIX = "swarmsync/v1/proof/";

  /** Checks every length and keeps copies of the arrays. */
  public Transcript {
    discoveryId = checked("discovery id", discoveryId, KeyTree.DISCOVERY_ID_BYTES);
    proverCertHash = checked("prover certificate hash", proverCertHash, CERT_HASH_BYTES);
    verifierCertHash = checked("verifier certificate hash", verifierCertHash, CERT_HASH_BYTES);
    proverNonce = checked("prover nonce", proverNonce, NONCE_BYTES);
    verifierNonce = checked("verifier nonce", verifierNonce, NONCE_BYTES);
  }

  /** The same session seen from the other side: what this side checks the peer's proof with. */
  public Transcript swapped() {
    return new Transcript(discoveryId, verifierCertHash, proverCertHash, verifierNonce,
        proverNonce);
  }

  @Override
  public byte[] discoveryId() {
    return discoveryId.clone();
  }

  @Override
  public byte[] proverCertHash() {
    return proverCertHash.clone();
  }

  @Override
  public byte[] verifierCertHash() {
    return verifierCertHash.clone();
  }

  @Override
  public byte[] proverNonce() {
    return proverNonce.clone();
  }

  @Override
  public byte[] verifierNonce() {
    return verifierNonce.clone();
  }

  /** The bytes a proof with {@code label} covers (layout in the class comment). */
  byte[] bytes(String label) {
    return Hashes.concat(Hashes.ascii(LABEL_PREFIX + label), discoveryId, proverCertHash,
        verifierCertHash, proverNonce, verifierNonce);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transcript t && Arrays.equals(discoveryId, t.discoveryId)
        && Arrays.equals(proverCertHash, t.proverCertHash)
        && Arrays.equals(verifierCertHash, t.verifierCertHash)
        && Arrays.equals(proverNonce, t.proverNonce)
        && Arrays.equals(verifierNonce, t.verifierNonce);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes(""));
  }

  @Override
  public String toString() {
    return "Transcript[discovery=" + Hex.encode(discoveryId) + "]";
  }

  private static byte[] checked(String field, byte[] value, int length) {
    if (value == null || value.length != length) {
      throw new IllegalArgumentException(field + " must be " + length + " bytes, got "
          + (value == null ? "null" : value.length));
    }
    return value.clone();
  }
}
