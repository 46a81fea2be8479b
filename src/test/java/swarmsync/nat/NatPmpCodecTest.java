package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** NAT-PMP vectors recorded against miniupnpd 2.3.1 (docs/nat.md lists the same). */
class NatPmpCodecTest {
  @Test
  void externalAddressRequestIsVersionAndOpcode() {
    assertThat(Hex.encode(NatPmpCodec.externalAddressRequest())).isEqualTo("0000");
  }

  @Test
  void externalAddressAnswerGivesThePrivateAddressAsIs() throws Exception {
    byte[] answer = Hex.decode("008000000000297c0a630002");
    assertThat(NatPmpCodec.externalAddressAnswer(answer))
        .isEqualTo(InetAddress.getByName("10.99.0.2"));
  }

  @Test
  void mapRequestForTcpMatchesTheVector() {
    assertThat(Hex.encode(NatPmpCodec.mapRequest(Transport.TCP, 42010, 42010,
        Duration.ofSeconds(600)))).isEqualTo("00020000a41aa41a00000258");
    assertThat(Hex.encode(NatPmpCodec.mapRequest(Transport.UDP, 42010, 0, Duration.ZERO)))
        .isEqualTo("00010000a41a000000000000");
  }

  @Test
  void deleteIsTheMapRequestWithLifetimeAndExternalPortZero() {
    assertThat(Hex.encode(NatPmpCodec.mapRequest(Transport.TCP, 42010, 0, Duration.ZERO)))
        .isEqualTo("00020000a41a000000000000");
  }

  @Test
  void mapAnswerGivesPortsLifetimeAndEpoch() throws Exception {
    NatPmpCodec.MapAnswer a = NatPmpCodec.mapAnswer(
        Hex.decode("008200000000297ca41aa41a00000258"), Transport.TCP);
    assertThat(a).isEqualTo(new NatPmpCodec.MapAnswer(42010, 42010, Duration.ofSeconds(600),
        0x297c));
    NatPmpCodec.MapAnswer deleted = NatPmpCodec.mapAnswer(
        Hex.decode("008200000000297ca41a000000000000"), Transport.TCP);
    assertThat(deleted.lifetime()).isZero();
  }

  @Test
  void refusalInAShortAnswerNamesTheResult() {
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(Hex.decode("008200020000297c"),
        Transport.TCP)).isInstanceOf(PortMappingException.class)
        .hasMessage("NAT-PMP refused: NOT_AUTHORIZED (2)");
    assertThatThrownBy(() -> NatPmpCodec.externalAddressAnswer(
        Hex.decode("008000030000297c"))).hasMessage("NAT-PMP refused: NETWORK_FAILURE (3)");
    assertThatThrownBy(() -> NatPmpCodec.externalAddressAnswer(
        Hex.decode("008000630000297c"))).hasMessage("NAT-PMP refused: UNKNOWN (99)");
  }

  @Test
  void answerToAnotherOpcodeIsRefused() {
    // miniupnpd's recorded answer to opcode 9: UNSUPPORTED_OPCODE for opcode 137
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(Hex.decode("008900050000297c"),
        Transport.TCP)).hasMessage("NAT-PMP answer has opcode 137, expected 130");
  }

  @Test
  void shortTruncatedAndForeignAnswersAreRefused() {
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(Hex.decode("0082000000"), Transport.TCP))
        .hasMessageContaining("shorter than its 8-byte header");
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(Hex.decode("008200000000297ca41aa41a"),
        Transport.TCP)).hasMessage("NAT-PMP answer of 12 bytes, expected 16");
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(
        Hex.decode("028200000000297ca41aa41a00000258"), Transport.TCP))
        .hasMessage("NAT-PMP answer has version 2, not 0");
    assertThatThrownBy(() -> NatPmpCodec.mapAnswer(
        Hex.decode("008200000000297ca41aa41a00000258"), Transport.UDP))
        .hasMessage("NAT-PMP answer has opcode 130, expected 129");
  }

  @Test
  void trailingBytesAfterAnAnswerAreIgnored() throws Exception {
    assertThat(NatPmpCodec.externalAddressAnswer(Hex.decode("008000000000297c0a630002ffff")))
        .isEqualTo(InetAddress.getByName("10.99.0.2"));
  }

  @Test
  void portsAndLifetimesOutOfRangeAreRefusedBeforeSending() {
    assertThatThrownBy(() -> NatPmpCodec.mapRequest(Transport.TCP, 70000, 0, Duration.ZERO))
        .hasMessage("internal port 70000 is not a port number");
    assertThatThrownBy(() -> NatPmpCodec.mapRequest(Transport.TCP, 1, 0,
        Duration.ofSeconds(1L << 32))).hasMessageContaining("does not fit 32 bits");
  }
}
