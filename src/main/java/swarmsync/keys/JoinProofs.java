package swarmsync.keys;

import java.security.MessageDigest;

/**
 * The session-bound proofs a peer gives after TLS to join a folder (member, read, write) or to
 * redeem an invite, and their checks; pure functions of a key and a {@link Transcript}.
 *
 * <p>member = HMAC-SHA256(member_key, transcript("member")), read = HMAC-SHA256(read_key,
 * transcript("read")), invite = HMAC-SHA256(invite_proof_key, transcript("invite")), write =
 * Ed25519 signature by sk of transcript("write"). Because the transcript holds both certificate
 * hashes and both fresh nonces, a proof is worthless in any other session, for any other
 * folder, and in the other direction. HMACs are compared in constant time.
 */
public final class JoinProofs {
  /** Length of an HMAC proof in bytes. */
  public static final int MAC_PROOF_BYTES = Hashes.HASH_BYTES;

  private JoinProofs() {}

  /** Proof that the prover holds the folder's member key (any of A, B, E). */
  public static byte[] memberProof(byte[] memberKey, Transcript t) {
    return Hashes.hmacSha256(memberKey, t.bytes("member"));
  }

  /** Proof that the prover holds the folder's read key (A or B). */
  public static byte[] readProof(byte[] readKey, Transcript t) {
    return Hashes.hmacSha256(readKey, t.bytes("read"));
  }

  /** Proof that the prover holds the folder's signing key (A): a 64-byte signature. */
  public static byte[] writeProof(FolderSigner signer, Transcript t) {
    return signer.sign(t.bytes("write"));
  }

  /** Proof that the prover holds an invite's token {@code t}. */
  public static byte[] inviteProof(byte[] inviteProofKey, Transcript t) {
    return Hashes.hmacSha256(inviteProofKey, t.bytes("invite"));
  }

  public static boolean verifyMember(byte[] memberKey, Transcript t, byte[] proof) {
    return MessageDigest.isEqual(memberProof(memberKey, t), proof);
  }

  public static boolean verifyRead(byte[] readKey, Transcript t, byte[] proof) {
    return MessageDigest.isEqual(readProof(readKey, t), proof);
  }

  /** Checks a write proof against the folder public key P (itself checked against fp first). */
  public static boolean verifyWrite(byte[] publicKey, Transcript t, byte[] signature) {
    return SignatureVerifier.verify(publicKey, t.bytes("write"), signature);
  }

  public static boolean verifyInvite(byte[] inviteProofKey, Transcript t, byte[] proof) {
    return MessageDigest.isEqual(inviteProof(inviteProofKey, t), proof);
  }
}
