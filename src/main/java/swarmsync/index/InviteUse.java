package swarmsync.index;

/** What trying to use an invite did, decided inside one database transaction. */
public enum InviteUse {
  /** It was pending and unexpired: it is now used, by this attempt and no other. */
  CONSUMED,
  /** Someone used it before. */
  ALREADY_USED,
  /** It was pending but its expiry has passed. */
  EXPIRED,
  /** Its issuer revoked it. */
  REVOKED,
  /** No invite with this token hash. */
  UNKNOWN
}
