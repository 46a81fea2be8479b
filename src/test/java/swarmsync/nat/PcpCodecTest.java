package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** PCP MAP vectors recorded against miniupnpd 2.3.1 (docs/nat.md lists the same). */
class PcpCodecTest {
  private static final byte[] NONCE = Hex.decode("0102030405060708090a0b0c");
  private static final String MAP_REQUEST = "0201000000000258"
      + "00000000000000000000ffffc0a84d02" + "0102030405060708090a0b0c" + "06000000a424a424"
      + "00000000000000000000ffff00000000";
  private static final String MAP_ANSWER = "0281000000000258" + "0000297c"
      + "000000000000000000000000" + "0102030405060708090a0b0c" + "06000000a424a424"
      + "00000000000000000000ffff0a630002";

  @Test
  void mapRequestMatchesTheVector() throws Exception {
    byte[] request = PcpCodec.mapRequest(NONCE, Transport.TCP,
        InetAddress.getByName("192.168.77.2"), 42020, 42020, Duration.ofSeconds(600));
    assertThat(Hex.encode(request)).isEqualTo(MAP_REQUEST);
  }

  @Test
  void deleteIsTheMapWithLifetimeZeroAndTheSameNonce() throws Exception {
    byte[] request = PcpCodec.mapRequest(NONCE, Transport.TCP,
        InetAddress.getByName("192.168.77.2"), 42020, 42020, Duration.ZERO);
    assertThat(Hex.encode(request)).isEqualTo(MAP_REQUEST.replace("0201000000000258",
        "0201000000000000"));
  }

  @Test
  void mapAnswerGivesExternalAddressPortLifetimeAndEpoch() throws Exception {
    PcpCodec.MapAnswer a = PcpCodec.mapAnswer(Hex.decode(MAP_ANSWER), NONCE, Transport.TCP);
    assertThat(a).isEqualTo(new PcpCodec.MapAnswer(42020, InetAddress.getByName("10.99.0.2"),
        42020, Duration.ofSeconds(600), 0x297c));
  }

  @Test
  void deleteWithAnotherNonceIsRefusedAsNotAuthorized() {
    String recorded = "0281000200000000" + "0000297c" + "000000000000000000000000"
        + "000000000000000000000000" + "06000000a424a424" + "00000000000000000000ffff0a630002";
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode(recorded), new byte[12],
        Transport.TCP)).isInstanceOf(PortMappingException.class)
        .hasMessage("PCP MAP refused: NOT_AUTHORIZED (2)");
  }

  @Test
  void refusalInABareHeaderNamesTheResult() {
    String header = "028100080000000000000000000000000000000000000000";
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode(header), NONCE, Transport.TCP))
        .hasMessage("PCP MAP refused: NO_RESOURCES (8)");
  }

  @Test
  void answerFromANatPmpOnlyServerSaysSo() {
    // RFC 6887 §9: a NAT-PMP server answers version 0, UNSUPPORTED_VERSION
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode("008100010000297c"), NONCE,
        Transport.TCP)).hasMessage("the gateway speaks NAT-PMP (version 0), not PCP");
  }

  @Test
  void answerWithAnotherNonceOrProtocolIsRefused() {
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode(MAP_ANSWER), new byte[12],
        Transport.TCP)).hasMessage("PCP MAP answer carries another nonce");
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode(MAP_ANSWER), NONCE,
        Transport.UDP)).hasMessage("PCP MAP answer is for protocol 6, expected 17");
  }

  @Test
  void shortAndTruncatedAnswersAreRefused() {
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode("0281"), NONCE, Transport.TCP))
        .hasMessageContaining("shorter than its 24-byte header");
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode(MAP_ANSWER.substring(0, 100)),
        NONCE, Transport.TCP)).hasMessage("PCP MAP answer of 50 bytes, expected at least 60");
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode("01" + MAP_ANSWER.substring(2)),
        NONCE, Transport.TCP)).hasMessage("PCP answer has version 1, not 2");
    assertThatThrownBy(() -> PcpCodec.mapAnswer(Hex.decode("0282" + MAP_ANSWER.substring(4)),
        NONCE, Transport.TCP)).hasMessageContaining("opcode 0x82");
  }

  @Test
  void nonceMustBeTwelveBytes() {
    assertThatThrownBy(() -> PcpCodec.mapRequest(new byte[8], Transport.TCP,
        InetAddress.getLoopbackAddress(), 1, 1, Duration.ZERO))
        .hasMessage("PCP nonce must be 12 bytes, not 8");
  }
}
