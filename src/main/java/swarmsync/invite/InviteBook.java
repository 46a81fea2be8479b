package swarmsync.invite;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.index.InviteRow;
import swarmsync.index.InviteUse;
import swarmsync.index.SqliteInviteStore;
import swarmsync.keys.FolderKey;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.KeyKind;
import swarmsync.keys.Transcript;
import swarmsync.util.Hex;

/**
 * The issuer's side of one-time keys: issues C keys for a folder, lists and revokes them, and
 * answers a newcomer's redemption, consuming the invite in the same database transaction that
 * decides to grant (so of two racing newcomers exactly one gets the key). Stores SHA-256(t) and
 * HKDF(t, "redeem"), never t.
 */
public final class InviteBook {
  /** How long an invite lasts unless told otherwise. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
  /** The longest lifetime accepted: an invite is meant to be used soon. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(365);
  /** Hex characters of the token hash shown as an invite's id. */
  public static final int ID_CHARS = 12;
  /** Fewest hex characters that name an invite to revoke. */
  private static final int MIN_ID_CHARS = 4;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  private static final Logger LOG = LoggerFactory.getLogger(InviteBook.class);

  private final SqliteInviteStore store;
  private final Clock clock;
  private final SecureRandom random;

  public InviteBook(SqliteInviteStore store, Clock clock, SecureRandom random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A new pending invite to the folder {@code folderKey} opens, granting read-only or
   * read-write access; a read-only node may only grant read-only.
   */
  public FolderKey issue(FolderKey folderKey, boolean readOnly, Duration lifetime)
      throws InviteException {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new InviteException("an invite must expire after more than 0 s and at most "
          + MAX_LIFETIME.toDays() + " days");
    }
    KeyKind grants = readOnly ? KeyKind.READ_ONLY : KeyKind.READ_WRITE;
    if (!folderKey.canReadPlaintext()) {
      throw new InviteException("this node holds only the encrypted key of the folder: it"
          + " cannot invite anyone");
    }
    if (grants == KeyKind.READ_WRITE && !folderKey.canWrite()) {
      throw new InviteException("this node holds only the read-only key of the folder: it"
          + " can grant read-only access only (use --read-only)");
    }
    FolderKey invite = FolderKey.newInvite(random, grants);
    long now = clock.millis();
    store.add(new InviteRow(invite.tokenHash(), invite.folderId(), invite.inviteProofKey(),
        folderKey.folderId(), readOnly ? InviteRow.READ_ONLY : InviteRow.READ_WRITE,
        now + lifetime.toMillis(), InviteRow.PENDING, now, null));
    LOG.info("issued invite {} to folder {} ({})", shortId(invite.tokenHash()),
        folderKey.folderId(), grants.jsonName());
    return invite;
  }

  /** Every invite issued here, newest first. */
  public List<InviteRow> list() {
    return store.all();
  }

  /** Whether an invite counts as expired now (pending with its expiry passed). */
  public boolean expired(InviteRow row) {
    return row.state().equals(InviteRow.PENDING) && clock.millis() >= row.expiresMs();
  }

  /** Discovery ids of invites that are pending and unexpired now: to announce. */
  public List<String> pendingDiscoveryIds() {
    return store.pendingDiscoveryIds(clock.millis());
  }

  /** Revokes the one pending invite whose id starts with {@code idPrefix}; returns it. */
  public InviteRow revoke(String idPrefix) throws InviteException {
    String prefix = idPrefix.strip().toLowerCase(java.util.Locale.ROOT);
    if (prefix.length() < MIN_ID_CHARS || !HEX.matcher(prefix).matches()) {
      throw new InviteException("invalid invite id '" + idPrefix + "': expected at least "
          + MIN_ID_CHARS + " hex characters as 'invite list' shows");
    }
    List<InviteRow> found = store.byIdPrefix(prefix);
    if (found.isEmpty()) {
      throw new InviteException("no invite with id " + prefix);
    }
    if (found.size() > 1) {
      throw new InviteException("invite id " + prefix + " is ambiguous: give more characters");
    }
    InviteRow row = found.get(0);
    switch (store.revoke(row.tokenHash(), clock.millis())) {
      case ALREADY_USED -> throw new InviteException("invite " + prefix + " was already used");
      case REVOKED -> throw new InviteException("invite " + prefix + " was already revoked");
      case UNKNOWN -> throw new InviteException("no invite with id " + prefix);
      default -> LOG.info("revoked invite {}", shortId(row.tokenHash()));
    }
    return store.byIdPrefix(prefix).get(0);
  }

  /**
   * Answers a redemption of the invite with {@code discoveryId} on the session {@code ours}
   * (this side as prover): checks the newcomer's proof, then in one transaction consumes the
   * invite and only then returns the key the invite grants.
   *
   * @param folderKeys this node's key of a folder by folder id, if it still shares it
   * @param newcomer   the newcomer's device id, recorded as the one that used the invite
   */
  public Redemption redeem(byte[] discoveryId, byte[] proof, Transcript ours, byte[] newcomer,
      Function<String, Optional<FolderKey>> folderKeys) {
    Optional<InviteRow> found = store.byDiscoveryId(Hex.encode(discoveryId));
    if (found.isEmpty()) {
      return Redemption.unknown();
    }
    InviteRow row = found.get();
    byte[] answerProof = JoinProofs.inviteProof(row.proofKey(), ours);
    if (!JoinProofs.verifyInvite(row.proofKey(), ours.swapped(), proof)) {
      LOG.warn("refused redemption of invite {}: the proof does not hold for this session",
          shortId(row.tokenHash()));
      return refused(row, "the invite proof does not hold for this session", answerProof);
    }
    Optional<FolderKey> folderKey = folderKeys.apply(row.folderId());
    if (folderKey.isEmpty()) {
      return refused(row, "the issuer no longer shares the invited folder", answerProof);
    }
    FolderKey granted;
    if (row.grants().equals(InviteRow.READ_WRITE)) {
      if (!folderKey.get().canWrite()) {
        return refused(row, "the issuer no longer holds the read-write key", answerProof);
      }
      granted = folderKey.get();
    } else {
      granted = folderKey.get().canWrite() ? folderKey.get().readOnly() : folderKey.get();
    }
    InviteUse use = store.use(row.tokenHash(), clock.millis(), newcomer);
    RedeemStatus status = switch (use) {
      case CONSUMED -> RedeemStatus.GRANTED;
      case ALREADY_USED -> RedeemStatus.ALREADY_USED;
      case EXPIRED -> RedeemStatus.EXPIRED;
      case REVOKED -> RedeemStatus.REVOKED;
      case UNKNOWN -> RedeemStatus.UNKNOWN;
    };
    LOG.info("redemption of invite {}: {}", shortId(row.tokenHash()), status);
    if (status == RedeemStatus.UNKNOWN) {
      return Redemption.unknown();
    }
    String keyText = status == RedeemStatus.GRANTED ? granted.encode() : "";
    return new Redemption(status, keyText, row.expiresMs(), "", answerProof);
  }

  private static Redemption refused(InviteRow row, String reason, byte[] answerProof) {
    return new Redemption(RedeemStatus.REFUSED, "", row.expiresMs(), reason, answerProof);
  }

  /** The id 'invite list' shows for a token hash. */
  public static String shortId(byte[] tokenHash) {
    return Hex.encode(tokenHash).substring(0, ID_CHARS);
  }
}
