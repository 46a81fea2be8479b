package swarmsync.index;

import swarmsync.util.Hex;

/**
 * One invite this device issued, as the {@code invites} table holds it. The token itself is not
 * here: {@code tokenHash} = SHA-256(t) names it and {@code proofKey} = HKDF(t, "redeem") checks
 * a newcomer's proof. {@link #toString()} leaves the proof key out.
 *
 * @param discoveryId lower-case hex of the invite's 20-byte discovery id
 * @param grants      {@link #READ_WRITE} or {@link #READ_ONLY}
 * @param state       {@link #PENDING}, {@link #USED} or {@link #REVOKED}
 * @param usedMs      when it was used or revoked, or null
 */
public record InviteRow(byte[] tokenHash, String discoveryId, byte[] proofKey, String folderId,
    String grants, long expiresMs, String state, long createdMs, Long usedMs) {
  public static final String READ_WRITE = "rw";
  public static final String READ_ONLY = "ro";
  public static final String PENDING = "pending";
  public static final String USED = "used";
  public static final String REVOKED = "revoked";

  public InviteRow {
    tokenHash = tokenHash.clone();
    proofKey = proofKey.clone();
  }

  @Override
  public byte[] tokenHash() {
    return tokenHash.clone();
  }

  @Override
  public byte[] proofKey() {
    return proofKey.clone();
  }

  /** Lower-case hex of the token hash: the invite's id, shown by a prefix. */
  public String id() {
    return Hex.encode(tokenHash);
  }

  @Override
  public String toString() {
    return "InviteRow[" + id().substring(0, 12) + ", folder=" + folderId + ", grants=" + grants
        + ", state=" + state + ", expires=" + expiresMs + "]";
  }
}
