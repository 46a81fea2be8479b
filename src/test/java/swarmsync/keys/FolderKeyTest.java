package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** What each kind of key can reach: everything below it, nothing above it. */
class FolderKeyTest {
  private final SecureRandom random = new SecureRandom();
  private final FolderKey a = FolderKey.parse(KeyVectorsTest.KEY_A);
  private final FolderKey b = FolderKey.parse(KeyVectorsTest.KEY_B);
  private final FolderKey e = FolderKey.parse(KeyVectorsTest.KEY_E);
  private final FolderKey c = FolderKey.parse(KeyVectorsTest.KEY_C_RW);

  @Test
  void readOnlyKeyFromReadWriteEqualsTheParsedReadOnlyKey() {
    assertThat(a.readOnly()).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.readOnly().kind()).isEqualTo(KeyKind.READ_ONLY);
  }

  @Test
  void encryptedKeyFromReadWriteEqualsEncryptedKeyFromReadOnly() {
    assertThat(a.encrypted()).isEqualTo(b.encrypted()).isEqualTo(e);
    assertThat(a.readOnly().encrypted()).isEqualTo(e);
  }

  @Test
  void everyKeyOfAFolderHasTheSameDiscoveryIdFingerprintAndMemberKey() {
    for (FolderKey key : new FolderKey[] {b, e}) {
      assertThat(key.discoveryId()).isEqualTo(a.discoveryId()).hasSize(20);
      assertThat(key.folderId()).isEqualTo(a.folderId()).hasSize(40);
      assertThat(key.fingerprint()).isEqualTo(a.fingerprint()).hasSize(16);
      assertThat(key.memberKey()).isEqualTo(a.memberKey()).hasSize(32);
    }
  }

  @Test
  void readOnlyKeyReachesTheSameReadAndContentKeysAsReadWrite() {
    assertThat(b.readKey()).isEqualTo(a.readKey());
    assertThat(b.contentKey()).isEqualTo(a.contentKey());
  }

  @Test
  void readOnlyKeyCannotYieldAReadWriteKeyOrSign() {
    assertThatThrownBy(b::signer)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a read-only key (B) has no signing key: keys derive only downward,"
            + " A -> B -> E");
    assertThatThrownBy(b::readOnly)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a read-only key (B) cannot give a read-only key (B)");
    assertThat(b.canWrite()).isFalse();
    assertThat(b.canReadPlaintext()).isTrue();
  }

  @Test
  void encryptedKeyCannotYieldReadOnlyOrReadWriteOrAnyPlaintextKey() {
    assertThatThrownBy(e::readOnly)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an encrypted key (E) cannot give a read-only key (B):"
            + " keys derive only downward, A -> B -> E");
    assertThatThrownBy(e::encrypted).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(e::signer).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(e::readKey).hasMessageStartingWith("an encrypted key (E) has no read key");
    assertThatThrownBy(e::contentKey).isInstanceOf(IllegalStateException.class);
    assertThat(e.canWrite()).isFalse();
    assertThat(e.canReadPlaintext()).isFalse();
  }

  @Test
  void readWriteKeyCanDoEverythingButInviteMethods() {
    assertThat(a.canWrite()).isTrue();
    assertThat(a.canReadPlaintext()).isTrue();
    assertThat(a.signer().publicKey()).hasSize(32);
    assertThatThrownBy(a::tokenHash)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a read-write key (A) has no token hash: only a one-time invite key (C)"
            + " has one");
    assertThatThrownBy(a::grants).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(a::inviteProofKey).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void inviteKeyReachesNoFolderSecret() {
    assertThat(c.kind()).isEqualTo(KeyKind.INVITE);
    assertThat(c.canWrite()).isFalse();
    assertThat(c.canReadPlaintext()).isFalse();
    assertThatThrownBy(c::readOnly)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a one-time invite key (C) cannot give a read-only key (B):"
            + " redeem it for a read-write or read-only key first");
    assertThatThrownBy(c::encrypted).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::signer).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::fingerprint).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::memberKey).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::readKey).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void newInviteGrantsWhatItWasAskedAndRoundTripsThroughText() {
    FolderKey rw = FolderKey.newInvite(random, KeyKind.READ_WRITE);
    FolderKey ro = FolderKey.newInvite(random, KeyKind.READ_ONLY);

    assertThat(rw.grants()).isEqualTo(KeyKind.READ_WRITE);
    assertThat(ro.grants()).isEqualTo(KeyKind.READ_ONLY);
    assertThat(FolderKey.parse(rw.encode())).isEqualTo(rw);
    assertThat(rw.encode()).startsWith("C").hasSize(28);
    assertThat(rw.tokenHash()).hasSize(32);
    assertThat(rw.inviteProofKey()).hasSize(32).isNotEqualTo(ro.inviteProofKey());
    assertThat(rw.discoveryId()).hasSize(20).isNotEqualTo(ro.discoveryId());
  }

  @Test
  void inviteCannotGrantEncryptedOrInviteKeys() {
    assertThatThrownBy(() -> FolderKey.newInvite(random, KeyKind.ENCRYPTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an invite grants a read-write or read-only key, not ENCRYPTED");
    assertThatThrownBy(() -> FolderKey.newInvite(random, KeyKind.INVITE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void newReadWriteKeysAreRandomAndRoundTripThroughText() {
    FolderKey one = FolderKey.newReadWrite(random);
    FolderKey two = FolderKey.newReadWrite(random);

    assertThat(one).isNotEqualTo(two);
    assertThat(one.discoveryId()).isNotEqualTo(two.discoveryId());
    assertThat(FolderKey.parse(one.encode())).isEqualTo(one);
    assertThat(FolderKey.parse(one.readOnly().encode())).isEqualTo(one.readOnly());
    assertThat(FolderKey.parse(one.encrypted().encode())).isEqualTo(one.encrypted());
  }

  @Test
  void toStringShowsKindAndDiscoveryButNoSecret() {
    for (FolderKey key : new FolderKey[] {a, b, e, c}) {
      String text = key.toString();
      assertThat(text).doesNotContain(key.encode()).doesNotContain(key.encode().substring(1, 8));
      assertThat(text).isEqualTo("FolderKey[" + key.kind().jsonName() + ", discovery="
          + key.folderId().substring(0, 8) + "…]");
    }
    assertThat(a.toString()).isEqualTo("FolderKey[rw, discovery=fabe3e79…]");
    assertThat(a.signer().toString()).doesNotContain(KeyVectorsTest.SIGN_SEED);
  }

  @Test
  void keysOfDifferentKindsOrPayloadsAreNotEqual() {
    assertThat(a).isNotEqualTo(b).isNotEqualTo(e).isNotEqualTo(null).isNotEqualTo("x");
    assertThat(FolderKey.parse(KeyVectorsTest.KEY_C_RW))
        .isNotEqualTo(FolderKey.parse(KeyVectorsTest.KEY_C_RO));
  }

  @Test
  void returnedSecretsAreCopies() {
    a.memberKey()[0] ^= 1;
    a.discoveryId()[0] ^= 1;

    assertThat(a).isEqualTo(FolderKey.parse(KeyVectorsTest.KEY_A));
    assertThat(a.folderId()).isEqualTo(KeyVectorsTest.DISCOVERY_ID);
    assertThat(a.memberKey()).isEqualTo(FolderKey.parse(KeyVectorsTest.KEY_A).memberKey());
  }

  @Test
  void kindsHaveTheirJsonNamesAndPrefixes() {
    assertThat(KeyKind.READ_WRITE.jsonName()).isEqualTo("rw");
    assertThat(KeyKind.READ_ONLY.jsonName()).isEqualTo("ro");
    assertThat(KeyKind.ENCRYPTED.jsonName()).isEqualTo("encrypted");
    assertThat(KeyKind.INVITE.jsonName()).isEqualTo("invite");
    assertThat(KeyKind.READ_WRITE.prefix()).isEqualTo('A');
    assertThat(KeyKind.READ_ONLY.prefix()).isEqualTo('B');
    assertThat(KeyKind.ENCRYPTED.prefix()).isEqualTo('E');
    assertThat(KeyKind.INVITE.prefix()).isEqualTo('C');
  }
}
