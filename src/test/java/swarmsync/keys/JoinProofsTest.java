package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/**
 * Join proofs: valid in the session they were made for, worthless in any other (replay, a man
 * in the middle with his own certificate, the other direction, another folder, a wrong key).
 */
class JoinProofsTest {
  /** The vector session: cert hashes 0x11.. and 0x22.., nonces 0x33.. and 0x44... */
  static final byte[] PROVER_CERT = filled(0x11);
  static final byte[] VERIFIER_CERT = filled(0x22);
  static final byte[] PROVER_NONCE = filled(0x33);
  static final byte[] VERIFIER_NONCE = filled(0x44);

  static final String MEMBER_PROOF =
      "d41667bef7a153c765c6f31212837d05435f8d279ae51ad6e78c5eeb8cd593fa";
  static final String READ_PROOF =
      "c95ccd42de872fed9685edd68a3d83c13cab29f1098bc2681f43156d728e8d56";
  static final String WRITE_PROOF =
      "59323c7d3b9539b0acc46c9018de635cbcc207fc93e2c29aa0869182363e8ae1"
      + "1e68bfc7d00842cb26dba0efa85cfc294068dc45039e213a726d0712ff2e2d0b";
  static final String INVITE_PROOF =
      "9404e93f275de1b98773d94690acdf25764482ffa122a927b80a0e7062a46a88";

  private final FolderKey a = FolderKey.parse(KeyVectorsTest.KEY_A);
  private final FolderKey b = FolderKey.parse(KeyVectorsTest.KEY_B);
  private final FolderKey e = FolderKey.parse(KeyVectorsTest.KEY_E);
  private final Transcript session = new Transcript(a.discoveryId(), PROVER_CERT, VERIFIER_CERT,
      PROVER_NONCE, VERIFIER_NONCE);

  @Test
  void transcriptBytesAreLabelThenFixedLengthFields() {
    byte[] bytes = session.bytes("member");

    assertThat(bytes).hasSize("swarmsync/v1/proof/member".length() + 20 + 4 * 32);
    assertThat(Hex.encode(bytes)).isEqualTo(Hex.encode("swarmsync/v1/proof/member".getBytes(
        StandardCharsets.US_ASCII)) + KeyVectorsTest.DISCOVERY_ID
        + "11".repeat(32) + "22".repeat(32) + "33".repeat(32) + "44".repeat(32));
    assertThat(session.bytes("read")).hasSize(171);
    assertThat(session.bytes("write")).hasSize(172);
    assertThat(session.bytes("invite")).hasSize(173);
  }

  @Test
  void proofsForTheVectorSessionAreTheDocumentedValues() {
    FolderKey invite = FolderKey.parse(KeyVectorsTest.KEY_C_RW);
    Transcript inviteSession = new Transcript(invite.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, VERIFIER_NONCE);

    assertThat(Hex.encode(JoinProofs.memberProof(a.memberKey(), session)))
        .isEqualTo(MEMBER_PROOF);
    assertThat(Hex.encode(JoinProofs.readProof(a.readKey(), session))).isEqualTo(READ_PROOF);
    assertThat(Hex.encode(JoinProofs.writeProof(a.signer(), session))).isEqualTo(WRITE_PROOF);
    assertThat(Hex.encode(JoinProofs.inviteProof(invite.inviteProofKey(), inviteSession)))
        .isEqualTo(INVITE_PROOF);
    assertThat(JoinProofs.memberProof(a.memberKey(), session)).isEqualTo(KeyVectorsTest
        .jdkHmac(a.memberKey(), session.bytes("member")));
  }

  @Test
  void proofsVerifyInTheSessionTheyWereMadeFor() {
    byte[] publicKey = a.signer().publicKey();

    assertThat(JoinProofs.verifyMember(b.memberKey(), session,
        JoinProofs.memberProof(e.memberKey(), session))).isTrue();
    assertThat(JoinProofs.verifyRead(a.readKey(), session,
        JoinProofs.readProof(b.readKey(), session))).isTrue();
    assertThat(JoinProofs.verifyWrite(publicKey, session,
        JoinProofs.writeProof(a.signer(), session))).isTrue();
    assertThat(SignatureVerifier.publicKeyMatches(publicKey, e.fingerprint())).isTrue();
  }

  @Test
  void replayedProofFailsInASessionWithFreshNonces() {
    Transcript next = new Transcript(a.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, filled(0x45));
    Transcript nextProver = new Transcript(a.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        filled(0x34), VERIFIER_NONCE);

    for (Transcript other : new Transcript[] {next, nextProver}) {
      assertThat(JoinProofs.verifyMember(a.memberKey(), other,
          JoinProofs.memberProof(a.memberKey(), session))).isFalse();
      assertThat(JoinProofs.verifyRead(a.readKey(), other,
          JoinProofs.readProof(a.readKey(), session))).isFalse();
      assertThat(JoinProofs.verifyWrite(a.signer().publicKey(), other,
          JoinProofs.writeProof(a.signer(), session))).isFalse();
    }
  }

  @Test
  void proofRelayedByAManInTheMiddleWithHisOwnCertificateFails() {
    // The victim proves to the attacker (attacker's cert); the attacker forwards the proof to
    // the real verifier, which sees the attacker's cert as the prover's.
    byte[] attackerCert = filled(0x66);
    Transcript toAttacker = new Transcript(a.discoveryId(), PROVER_CERT, attackerCert,
        PROVER_NONCE, VERIFIER_NONCE);
    Transcript atVerifier = new Transcript(a.discoveryId(), attackerCert, VERIFIER_CERT,
        PROVER_NONCE, VERIFIER_NONCE);

    assertThat(JoinProofs.verifyMember(a.memberKey(), atVerifier,
        JoinProofs.memberProof(a.memberKey(), toAttacker))).isFalse();
    assertThat(JoinProofs.verifyRead(a.readKey(), atVerifier,
        JoinProofs.readProof(a.readKey(), toAttacker))).isFalse();
    assertThat(JoinProofs.verifyWrite(a.signer().publicKey(), atVerifier,
        JoinProofs.writeProof(a.signer(), toAttacker))).isFalse();
  }

  @Test
  void proofReflectedBackInTheOtherDirectionFails() {
    Transcript reflected = session.swapped();

    assertThat(reflected.proverCertHash()).isEqualTo(VERIFIER_CERT);
    assertThat(reflected.proverNonce()).isEqualTo(VERIFIER_NONCE);
    assertThat(JoinProofs.verifyMember(a.memberKey(), reflected,
        JoinProofs.memberProof(a.memberKey(), session))).isFalse();
    assertThat(JoinProofs.verifyWrite(a.signer().publicKey(), reflected,
        JoinProofs.writeProof(a.signer(), session))).isFalse();
    assertThat(reflected.swapped()).isEqualTo(session);
  }

  @Test
  void proofWithAWrongKeyOrForAnotherFolderFails() {
    FolderKey other = FolderKey.newReadWrite(new SecureRandom());
    Transcript otherFolder = new Transcript(other.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, VERIFIER_NONCE);

    assertThat(JoinProofs.verifyMember(a.memberKey(), session,
        JoinProofs.memberProof(other.memberKey(), session))).isFalse();
    assertThat(JoinProofs.verifyRead(a.readKey(), session,
        JoinProofs.readProof(other.readKey(), session))).isFalse();
    assertThat(JoinProofs.verifyWrite(a.signer().publicKey(), session,
        JoinProofs.writeProof(other.signer(), session))).isFalse();
    assertThat(JoinProofs.verifyMember(a.memberKey(), otherFolder,
        JoinProofs.memberProof(a.memberKey(), session))).isFalse();
    assertThat(SignatureVerifier.publicKeyMatches(other.signer().publicKey(), a.fingerprint()))
        .isFalse();
  }

  @Test
  void proofsOfOneLevelDoNotPassForAnother() {
    // Same key bytes fed to two labels must still differ: the label is in the transcript.
    byte[] key = a.memberKey();

    assertThat(JoinProofs.verifyRead(key, session, JoinProofs.memberProof(key, session)))
        .isFalse();
    assertThat(JoinProofs.verifyInvite(key, session, JoinProofs.memberProof(key, session)))
        .isFalse();
  }

  @Test
  void inviteProofVerifiesOnlyWithTheInvitesKeyAndSession() {
    FolderKey invite = FolderKey.parse(KeyVectorsTest.KEY_C_RW);
    Transcript t = new Transcript(invite.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, VERIFIER_NONCE);
    byte[] proof = JoinProofs.inviteProof(invite.inviteProofKey(), t);

    assertThat(JoinProofs.verifyInvite(invite.inviteProofKey(), t, proof)).isTrue();
    assertThat(JoinProofs.verifyInvite(invite.inviteProofKey(), t.swapped(), proof)).isFalse();
    assertThat(JoinProofs.verifyInvite(FolderKey.newInvite(new SecureRandom(),
        KeyKind.READ_WRITE).inviteProofKey(), t, proof)).isFalse();
  }

  @Test
  void inviteProofKeyDependsOnTheTokenOnlyNotOnTheAccessLevelItClaims() {
    // The issuer decides the level from what it stored, so the level byte needs no binding.
    assertThat(FolderKey.parse(KeyVectorsTest.KEY_C_RO).inviteProofKey())
        .isEqualTo(FolderKey.parse(KeyVectorsTest.KEY_C_RW).inviteProofKey());
  }

  @Test
  void truncatedOrMalformedProofsFailWithoutThrowing() {
    byte[] proof = JoinProofs.memberProof(a.memberKey(), session);
    byte[] signature = JoinProofs.writeProof(a.signer(), session);

    assertThat(JoinProofs.verifyMember(a.memberKey(), session, Arrays.copyOf(proof, 31)))
        .isFalse();
    assertThat(JoinProofs.verifyMember(a.memberKey(), session, new byte[0])).isFalse();
    assertThat(JoinProofs.verifyWrite(a.signer().publicKey(), session,
        Arrays.copyOf(signature, 63))).isFalse();
    assertThat(JoinProofs.verifyWrite(new byte[31], session, signature)).isFalse();
    assertThat(JoinProofs.verifyWrite(filled(0xff), session, signature)).isFalse();
    assertThat(SignatureVerifier.publicKeyMatches(new byte[31], a.fingerprint())).isFalse();
  }

  @Test
  void transcriptRefusesFieldsOfTheWrongLength() {
    assertThatThrownBy(() -> new Transcript(new byte[19], PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, VERIFIER_NONCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("discovery id must be 20 bytes, got 19");
    assertThatThrownBy(() -> new Transcript(a.discoveryId(), PROVER_CERT, VERIFIER_CERT,
        PROVER_NONCE, new byte[16]))
        .hasMessage("verifier nonce must be 32 bytes, got 16");
  }

  private static byte[] filled(int value) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) value);
    return out;
  }
}
