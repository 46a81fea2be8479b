package swarmsync.invite;

/**
 * The issuer's answer to one redemption attempt: the status, the granted key text (GRANTED
 * only, else empty), the invite's expiry, a reason for a refusal, and the issuer's own
 * session-bound proof (empty for UNKNOWN). {@link #toString()} never shows the key.
 */
public record Redemption(RedeemStatus status, String keyText, long expiresMs, String reason,
    byte[] proof) {
  static Redemption unknown() {
    return new Redemption(RedeemStatus.UNKNOWN, "", 0, "", new byte[0]);
  }

  @Override
  public String toString() {
    return "Redemption[" + status + ", reason=" + reason + "]";
  }
}
