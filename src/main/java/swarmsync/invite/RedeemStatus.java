package swarmsync.invite;

import java.time.Instant;

/** How an attempt to redeem an invite ended, and the one line a newcomer is told about it. */
public enum RedeemStatus {
  /** The peer asked issued no such invite (another peer may have). */
  UNKNOWN,
  /** The invite was consumed by this attempt; the key follows. */
  GRANTED,
  ALREADY_USED,
  EXPIRED,
  REVOKED,
  /** The proof failed or the issuer cannot grant what the invite promises. */
  REFUSED;

  /** The one-line error a newcomer prints for this outcome. */
  public String describe(long expiresMs, String reason) {
    return switch (this) {
      case ALREADY_USED -> "this invite was already used";
      case EXPIRED -> "this invite expired at " + Instant.ofEpochMilli(expiresMs);
      case REVOKED -> "this invite was revoked";
      case REFUSED -> "the issuer refused this invite: " + printable(reason);
      case UNKNOWN -> "no peer knows this invite";
      case GRANTED -> "the invite was granted";
    };
  }

  /** A peer's text made safe for one terminal line: control characters become '?'. */
  private static String printable(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 200));
    text.codePoints().limit(200).forEach(c ->
        sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }
}
