package swarmsync.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.index.InviteRow;
import swarmsync.index.SqliteIndexStore;
import swarmsync.index.SqliteInviteStore;
import swarmsync.keys.FolderKey;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.KeyKind;
import swarmsync.keys.Transcript;
import swarmsync.util.Hex;

/** Issuing and redeeming invites against a real SQLite index, with session-bound proofs. */
class InviteBookTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final byte[] NEWCOMER = {7};

  @TempDir Path dir;
  private SqliteInviteStore store;
  private final MutableClock clock = new MutableClock();
  private InviteBook book;
  private final FolderKey folder = FolderKey.newReadWrite(new SecureRandom());

  @BeforeEach
  void open() throws Exception {
    Path db = dir.resolve("index.db");
    SqliteIndexStore.open(db).close();
    store = SqliteInviteStore.open(db);
    book = new InviteBook(store, clock, new SecureRandom());
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  /** The issuer's view of a session (issuer = prover of its answer). */
  private static Transcript issuerSession(FolderKey invite, int salt) {
    return new Transcript(invite.discoveryId(), filled(0x11), filled(0x22), filled(0x33 + salt),
        filled(0x44));
  }

  private static byte[] filled(int b) {
    byte[] a = new byte[32];
    Arrays.fill(a, (byte) b);
    return a;
  }

  /** What the newcomer sends: its proof in the session the issuer sees as {@code issuer}. */
  private static byte[] newcomerProof(FolderKey invite, Transcript issuer) {
    return JoinProofs.inviteProof(invite.inviteProofKey(), issuer.swapped());
  }

  private Redemption redeem(FolderKey invite, Transcript session, byte[] proof) {
    return book.redeem(invite.discoveryId(), proof, session, NEWCOMER,
        id -> id.equals(folder.folderId()) ? Optional.of(folder) : Optional.empty());
  }

  @Test
  void aRedeemedReadOnlyInviteGrantsTheFoldersReadOnlyKeyOnceWithTheIssuersProof()
      throws Exception {
    FolderKey invite = book.issue(folder, true, Duration.ofHours(1));
    assertThat(invite.kind()).isEqualTo(KeyKind.INVITE);
    assertThat(invite.grants()).isEqualTo(KeyKind.READ_ONLY);
    assertThat(book.pendingDiscoveryIds()).containsExactly(invite.folderId());
    Transcript session = issuerSession(invite, 0);

    Redemption first = redeem(invite, session, newcomerProof(invite, session));
    assertThat(first.status()).isEqualTo(RedeemStatus.GRANTED);
    assertThat(FolderKey.parse(first.keyText())).isEqualTo(folder.readOnly());
    assertThat(JoinProofs.verifyInvite(invite.inviteProofKey(), session, first.proof()))
        .as("the newcomer can check the answer came from the invite's issuer").isTrue();
    assertThat(book.pendingDiscoveryIds()).isEmpty();

    Redemption second = redeem(invite, session, newcomerProof(invite, session));
    assertThat(second.status()).isEqualTo(RedeemStatus.ALREADY_USED);
    assertThat(second.keyText()).isEmpty();
    assertThat(second.status().describe(second.expiresMs(), second.reason()))
        .isEqualTo("this invite was already used");
  }

  @Test
  void aProofMadeForAnotherSessionIsRefusedAndDoesNotConsumeTheInvite() throws Exception {
    FolderKey invite = book.issue(folder, false, Duration.ofHours(1));
    Transcript other = issuerSession(invite, 1);
    Transcript session = issuerSession(invite, 0);

    Redemption replayed = redeem(invite, session, newcomerProof(invite, other));
    assertThat(replayed.status()).isEqualTo(RedeemStatus.REFUSED);
    assertThat(replayed.keyText()).isEmpty();
    assertThat(replayed.reason()).contains("proof does not hold");
    FolderKey wrongInvite = FolderKey.newInvite(new SecureRandom(), KeyKind.READ_WRITE);
    byte[] wrongKeyProof = JoinProofs.inviteProof(wrongInvite.inviteProofKey(),
        session.swapped());
    assertThat(redeem(invite, session, wrongKeyProof).status())
        .isEqualTo(RedeemStatus.REFUSED);

    Redemption honest = redeem(invite, session, newcomerProof(invite, session));
    assertThat(honest.status()).isEqualTo(RedeemStatus.GRANTED);
    assertThat(FolderKey.parse(honest.keyText())).isEqualTo(folder);
  }

  @Test
  void anExpiredInviteIsRefusedWithItsExpiry() throws Exception {
    FolderKey invite = book.issue(folder, true, Duration.ofSeconds(2));
    clock.now = NOW.plusSeconds(2);
    Transcript session = issuerSession(invite, 0);
    Redemption late = redeem(invite, session, newcomerProof(invite, session));
    assertThat(late.status()).isEqualTo(RedeemStatus.EXPIRED);
    assertThat(late.status().describe(late.expiresMs(), late.reason()))
        .isEqualTo("this invite expired at 2026-01-02T03:04:07Z");
    assertThat(book.pendingDiscoveryIds()).isEmpty();
    assertThat(book.expired(book.list().get(0))).isTrue();
  }

  @Test
  void aRevokedInviteIsRefusedAndCannotBeRevokedTwice() throws Exception {
    FolderKey invite = book.issue(folder, true, Duration.ofHours(1));
    String id = InviteBook.shortId(invite.tokenHash());
    assertThat(book.revoke(id).state()).isEqualTo(InviteRow.REVOKED);
    Transcript session = issuerSession(invite, 0);
    assertThat(redeem(invite, session, newcomerProof(invite, session)).status())
        .isEqualTo(RedeemStatus.REVOKED);
    assertThatThrownBy(() -> book.revoke(id)).isInstanceOf(InviteException.class)
        .hasMessage("invite " + id + " was already revoked");
    assertThatThrownBy(() -> book.revoke("zz%")).isInstanceOf(InviteException.class)
        .hasMessageContaining("invalid invite id");
  }

  @Test
  void aReadOnlyNodeCannotGrantReadWriteButCanGrantReadOnly() throws Exception {
    FolderKey readOnly = folder.readOnly();
    assertThatThrownBy(() -> book.issue(readOnly, false, Duration.ofHours(1)))
        .isInstanceOf(InviteException.class)
        .hasMessage("this node holds only the read-only key of the folder: it can grant"
            + " read-only access only (use --read-only)");
    FolderKey invite = book.issue(readOnly, true, Duration.ofHours(1));
    Transcript session = issuerSession(invite, 0);
    Redemption r = book.redeem(invite.discoveryId(), newcomerProof(invite, session), session,
        NEWCOMER, id -> Optional.of(readOnly));
    assertThat(FolderKey.parse(r.keyText())).isEqualTo(readOnly);
  }

  @Test
  void theTokenIsNeverStoredOnlyItsHashAndProofKey() throws Exception {
    FolderKey invite = book.issue(folder, true, Duration.ofHours(1));
    InviteRow row = book.list().get(0);
    assertThat(row.tokenHash()).isEqualTo(invite.tokenHash());
    assertThat(row.discoveryId()).isEqualTo(invite.folderId());
    byte[] token = Arrays.copyOf(Base64.getUrlDecoder().decode(invite.encode().substring(1)),
        16);
    for (String name : new String[] {"index.db", "index.db-wal"}) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        assertThat(Hex.encode(Files.readAllBytes(file))).as(name)
            .doesNotContain(Hex.encode(token));
      }
    }
  }

  @Test
  void anUnknownInviteIsAnsweredUnknownWithoutAProof() {
    FolderKey stranger = FolderKey.newInvite(new SecureRandom(), KeyKind.READ_ONLY);
    Transcript session = issuerSession(stranger, 0);
    Redemption r = redeem(stranger, session, newcomerProof(stranger, session));
    assertThat(r.status()).isEqualTo(RedeemStatus.UNKNOWN);
    assertThat(r.proof()).isEmpty();
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
