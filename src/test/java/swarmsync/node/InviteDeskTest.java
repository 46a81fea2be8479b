package swarmsync.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import swarmsync.keys.FolderKey;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.KeyKind;
import swarmsync.keys.Transcript;
import swarmsync.protocol.Message;

/** What a newcomer makes of the answers to its redemption: only the issuer's count. */
class InviteDeskTest {
  private final FolderKey folder = FolderKey.newReadWrite(new SecureRandom());
  private final FolderKey invite = FolderKey.newInvite(new SecureRandom(), KeyKind.READ_ONLY);
  /** The newcomer's view of the session. */
  private final Transcript ours = new Transcript(invite.discoveryId(), filled(1), filled(2),
      filled(3), filled(4));

  private static byte[] filled(int b) {
    byte[] a = new byte[32];
    Arrays.fill(a, (byte) b);
    return a;
  }

  /** The issuer's proof in this session (the issuer as prover). */
  private byte[] issuerProof(FolderKey key) {
    return JoinProofs.inviteProof(key.inviteProofKey(), ours.swapped());
  }

  private Message.InviteResult result(Message.InviteStatus status, String key, byte[] proof) {
    return new Message.InviteResult(invite.discoveryId(), status, key, proof, 1_000, "");
  }

  @Test
  void aGrantProvenByTheIssuerGivesTheKey() {
    InviteDesk.Decision d = InviteDesk.judge(invite, result(Message.InviteStatus.GRANTED,
        folder.readOnly().encode(), issuerProof(invite)), ours);
    assertThat(d.key()).isEqualTo(folder.readOnly());
  }

  @Test
  void aGrantFromAPeerThatDoesNotHoldTheInviteIsIgnored() {
    FolderKey other = FolderKey.newInvite(new SecureRandom(), KeyKind.READ_ONLY);
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.GRANTED,
        folder.readOnly().encode(), issuerProof(other)), ours)).isNull();
  }

  @Test
  void aProofMadeForAnotherSessionOrReflectedBackIsIgnored() {
    byte[] reflected = JoinProofs.inviteProof(invite.inviteProofKey(), ours);
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.ALREADY_USED, "",
        reflected), ours)).isNull();
    Transcript other = new Transcript(invite.discoveryId(), filled(1), filled(2), filled(9),
        filled(4));
    byte[] elsewhere = JoinProofs.inviteProof(invite.inviteProofKey(), other.swapped());
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.REVOKED, "", elsewhere),
        ours)).isNull();
  }

  @Test
  void unknownIsIgnoredAndProvenRefusalsBecomeTheirOneLineErrors() {
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.UNKNOWN, "", new byte[0]),
        ours)).isNull();
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.ALREADY_USED, "",
        issuerProof(invite)), ours).error()).isEqualTo("this invite was already used");
    assertThat(InviteDesk.judge(invite, result(Message.InviteStatus.EXPIRED, "",
        issuerProof(invite)), ours).error())
        .isEqualTo("this invite expired at 1970-01-01T00:00:01Z");
  }

  @Test
  void aGrantOfAnotherKindThanTheInvitePromisesIsAnError() {
    InviteDesk.Decision d = InviteDesk.judge(invite, result(Message.InviteStatus.GRANTED,
        folder.encode(), issuerProof(invite)), ours);
    assertThat(d.key()).isNull();
    assertThat(d.error()).isEqualTo("the issuer granted a rw key but the invite promises ro");
  }
}
