package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** InviteRedeem and InviteResult against the byte vectors of docs/protocol.md section 4.2. */
class InviteMessagesTest {
  /** The invite vector of section 1.5: its discovery id and its proof in the vector session. */
  static final String INVITE_DISCOVERY = "c177d353c1d12629bb46d7f9773eb181cece7da9";
  static final String INVITE_PROOF =
      "9404e93f275de1b98773d94690acdf25764482ffa122a927b80a0e7062a46a88";
  /** The B key of the vector read-write key (section 1.5). */
  static final String B_KEY = "Bs8XFbltZ5HvgYDytBDHPnUPP4Ewz0kKv9GG61ACAbcki2tw";

  static final String REDEEM_FRAME = "00000039" + "10"
      + "0a14" + INVITE_DISCOVERY
      + "1220" + INVITE_PROOF;

  static final String GRANTED_FRAME = "00000074" + "11"
      + "0a14" + INVITE_DISCOVERY
      + "1001"
      + "1a30" + Hex.encode(B_KEY.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
      + "2220" + "55".repeat(32)
      + "2880d095ffbc31";

  static final String EXPIRED_FRAME = "00000042" + "11"
      + "0a14" + INVITE_DISCOVERY
      + "1003"
      + "2220" + "55".repeat(32)
      + "2880d095ffbc31";

  static Message.InviteRedeem redeem() {
    return new Message.InviteRedeem(Hex.decode(INVITE_DISCOVERY), Hex.decode(INVITE_PROOF));
  }

  static Message.InviteResult granted() {
    return new Message.InviteResult(Hex.decode(INVITE_DISCOVERY), Message.InviteStatus.GRANTED,
        B_KEY, Samples.filled(0x55, 32), 1_700_000_000_000L, "");
  }

  static Message.InviteResult expired() {
    return new Message.InviteResult(Hex.decode(INVITE_DISCOVERY), Message.InviteStatus.EXPIRED,
        "", Samples.filled(0x55, 32), 1_700_000_000_000L, "");
  }

  @Test
  void inviteRedeemEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(redeem()))).isEqualTo(REDEEM_FRAME);
    assertThat(decodeOne(REDEEM_FRAME)).usingRecursiveComparison().isEqualTo(redeem());
  }

  @Test
  void grantedInviteResultEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(granted()))).isEqualTo(GRANTED_FRAME);
    assertThat(decodeOne(GRANTED_FRAME)).usingRecursiveComparison().isEqualTo(granted());
  }

  @Test
  void expiredInviteResultEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(expired()))).isEqualTo(EXPIRED_FRAME);
    assertThat(decodeOne(EXPIRED_FRAME)).usingRecursiveComparison().isEqualTo(expired());
  }

  @Test
  void everyStatusSurvivesARoundTrip() throws Exception {
    for (Message.InviteStatus status : Message.InviteStatus.values()) {
      boolean granted = status == Message.InviteStatus.GRANTED;
      byte[] proof = status == Message.InviteStatus.UNKNOWN ? new byte[0]
          : Samples.filled(7, 32);
      Message.InviteResult result = new Message.InviteResult(Samples.discoveryId(), status,
          granted ? B_KEY : "", proof, 42, "why " + status);
      assertThat(decodeOne(Hex.encode(FrameCodec.encode(result)))).usingRecursiveComparison()
          .isEqualTo(result);
    }
  }

  @Test
  void theKeyNeverAppearsInTheResultsText() {
    assertThat(granted().toString()).doesNotContain(B_KEY).contains("key hidden");
  }

  @Test
  void aProofOfTheWrongLengthIsRefusedNamingTheField() {
    String shortProof = frame("10", "0a14" + INVITE_DISCOVERY + "121f"
        + INVITE_PROOF.substring(2));
    assertThatThrownBy(() -> decodeOne(shortProof)).isInstanceOf(ProtocolException.class)
        .hasMessage("InviteRedeem.proof must be 32 bytes, got 31");
  }

  @Test
  void aGrantWithoutAKeyIsRefused() {
    String noKey = frame("11", "0a14" + INVITE_DISCOVERY + "1001" + "2220" + "55".repeat(32));
    assertThatThrownBy(() -> decodeOne(noKey)).isInstanceOf(ProtocolException.class)
        .hasMessage("InviteResult.key must be set when status is GRANTED");
  }

  @Test
  void aRefusalCarryingAKeyIsRefused() {
    String keyed = frame("11", "0a14" + INVITE_DISCOVERY + "1002" + "1a02" + "4141"
        + "2220" + "55".repeat(32));
    assertThatThrownBy(() -> decodeOne(keyed)).isInstanceOf(ProtocolException.class)
        .hasMessage("InviteResult.key must be empty when status is ALREADY_USED");
  }

  @Test
  void anUnknownStatusIsRefused() {
    String unknown = frame("11", "0a14" + INVITE_DISCOVERY + "1009");
    assertThatThrownBy(() -> decodeOne(unknown)).isInstanceOf(ProtocolException.class)
        .hasMessage("InviteResult.status 9 is not a known status");
  }

  @Test
  void anOversizedKeyIsRefusedBeforeItIsUsed() {
    String longKey = "41".repeat(Limits.MAX_KEY_TEXT_BYTES + 1);
    String frame = frame("11", "0a14" + INVITE_DISCOVERY + "1001" + "1a8101" + longKey
        + "2220" + "55".repeat(32));
    assertThatThrownBy(() -> decodeOne(frame)).isInstanceOf(ProtocolException.class)
        .hasMessage("InviteResult.key is 129 bytes (max 128)");
  }

  @Test
  void sendingAnInvalidResultIsRefusedBeforeItLeaves() {
    Message.InviteResult bad = new Message.InviteResult(Samples.discoveryId(),
        Message.InviteStatus.GRANTED, "", Samples.filled(1, 32), 0, "");
    assertThatThrownBy(() -> FrameCodec.encode(bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("InviteResult.key");
  }

  /** A frame of the type byte and payload given in hex, with its length prefix. */
  private static String frame(String type, String payload) {
    return String.format("%08x", 1 + payload.length() / 2) + type + payload;
  }

  private static Message decodeOne(String hex) throws ProtocolException {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode(hex));
    Optional<Message> message = FrameCodec.decode(in);
    assertThat(in.remaining()).as("bytes left after the frame").isZero();
    return message.orElseThrow();
  }
}
