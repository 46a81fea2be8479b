package swarmsync.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/**
 * Relay messages against byte vectors made with the packing of
 * ../shared/peers/tools/relay_probe.py (the script that talks to the real strelaysrv); the same
 * vectors are in docs/protocol.md.
 */
class RelayCodecTest {
  static final byte[] IDS = range(32);
  static final byte[] KEY = filled(32, 0xaa);
  static final String JOIN_RELAY = "9e79bc400000000200000000";
  static final String PING = "9e79bc400000000000000000";
  static final String CONNECT = "9e79bc400000000500000024" + "00000020" + Hex.encode(IDS);
  static final String JOIN_SESSION = "9e79bc400000000300000024" + "00000020"
      + "aa".repeat(32);
  static final String RESPONSE_SUCCESS = "9e79bc40000000040000001000000000"
      + "000000077375636365737300";
  static final String INVITATION = "9e79bc400000000600000064"
      + "00000020" + Hex.encode(IDS) + "00000020" + "aa".repeat(32)
      + "00000010" + "00000000000000000000ffff7f000001" + "00005633" + "00000001";
  static final String REGISTER = "9e79bc405353000100000018" + "00000001" + "00000010"
      + "11".repeat(16);
  static final String LOOKUP = "9e79bc405353000200000014" + "00000010" + "11".repeat(16);

  @Test
  void encodesEveryMessageAsRelayProbeDoes() {
    assertThat(hex(new RelayMessage.JoinRelayRequest())).isEqualTo(JOIN_RELAY);
    assertThat(hex(new RelayMessage.Ping())).isEqualTo(PING);
    assertThat(hex(new RelayMessage.ConnectRequest(IDS))).isEqualTo(CONNECT);
    assertThat(hex(new RelayMessage.JoinSessionRequest(KEY))).isEqualTo(JOIN_SESSION);
    assertThat(hex(new RelayMessage.Response(0, "success"))).isEqualTo(RESPONSE_SUCCESS);
    assertThat(hex(new RelayMessage.SessionInvitation(IDS, KEY, mapped127(), 22067, true)))
        .isEqualTo(INVITATION);
    assertThat(hex(new RelayMessage.RegisterFolders(List.of(filled(16, 0x11)))))
        .isEqualTo(REGISTER);
    assertThat(hex(new RelayMessage.LookupFolder(filled(16, 0x11)))).isEqualTo(LOOKUP);
  }

  @Test
  void decodesAnInvitationFieldByField() throws Exception {
    RelayMessage.SessionInvitation inv = (RelayMessage.SessionInvitation)
        RelayCodec.decode(ByteBuffer.wrap(Hex.decode(INVITATION))).orElseThrow();
    assertThat(inv.from()).isEqualTo(IDS);
    assertThat(inv.key()).isEqualTo(KEY);
    assertThat(inv.address()).isEqualTo(mapped127());
    assertThat(inv.port()).isEqualTo(22067);
    assertThat(inv.serverSocket()).isTrue();
  }

  @Test
  void roundTripsEveryVectorExactly() throws Exception {
    for (String vector : List.of(JOIN_RELAY, PING, CONNECT, JOIN_SESSION, RESPONSE_SUCCESS,
        INVITATION, REGISTER, LOOKUP)) {
      ByteBuffer in = ByteBuffer.wrap(Hex.decode(vector));
      assertThat(hex(RelayCodec.decode(in).orElseThrow())).isEqualTo(vector);
      assertThat(in.hasRemaining()).isFalse();
    }
  }

  @Test
  void shortInputNeedsMoreAtEveryByteAndConsumesNothing() throws Exception {
    byte[] whole = Hex.decode(INVITATION);
    for (int cut = 0; cut < whole.length; cut++) {
      ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(whole, cut));
      assertThat(RelayCodec.decode(in)).isEmpty();
      assertThat(in.position()).isZero();
    }
  }

  @Test
  void trailingBytesStayForTheNextMessage() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode(PING + CONNECT));
    assertThat(RelayCodec.decode(in).orElseThrow()).isInstanceOf(RelayMessage.Ping.class);
    assertThat(RelayCodec.decode(in).orElseThrow())
        .isInstanceOf(RelayMessage.ConnectRequest.class);
    assertThat(RelayCodec.decode(in)).isEmpty();
  }

  @Test
  void refusesBadMagicOversizeAndNegativeLengths() {
    assertThatThrownBy(() -> decode("9e79bc410000000000000000"))
        .hasMessageContaining("magic");
    assertThatThrownBy(() -> decode("9e79bc400000000500000401"))
        .hasMessageContaining("length 1025");
    assertThatThrownBy(() -> decode("9e79bc4000000005ffffffff"))
        .hasMessageContaining("length -1");
  }

  @Test
  void refusesFieldsOverTheirBoundsNamingThem() {
    assertThatThrownBy(() -> decode("9e79bc400000000500000024" + "00000021" + "00".repeat(32)))
        .hasMessageContaining("device id length 33");
    assertThatThrownBy(() -> decode("9e79bc400000000500000008" + "00000020" + "00000000"))
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> decode("9e79bc400000000000000004" + "00000000"))
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> decode("9e79bc400000006300000000"))
        .hasMessageContaining("unknown relay message type 99");
    assertThatThrownBy(() -> decode("9e79bc405353000100000004" + "00000021"))
        .hasMessageContaining("folder token count 33");
  }

  @Test
  void streamReadStopsAtTheMessageEnd() throws Exception {
    ByteArrayInputStream in = new ByteArrayInputStream(Hex.decode(RESPONSE_SUCCESS + "16"));
    RelayMessage.Response r = (RelayMessage.Response) RelayCodec.read(in);
    assertThat(r.ok()).isTrue();
    assertThat(r.message()).isEqualTo("success");
    assertThat(in.read()).isEqualTo(0x16);
  }

  @Test
  void rendezvousTokenMatchesItsVector() {
    assertThat(Hex.encode(RendezvousToken.of(filled(20, 1), filled(32, 2))))
        .isEqualTo("5d652072f8e5f5866a13fc0f181ae447");
  }

  @Test
  void relayUriKeepsHostPortAndTheSyncthingId() {
    RelayUri uri = RelayUri.parse("relay://127.0.0.1:22067/?id="
        + "G67N2OB-7HEH5JU-JZOOV42-BFUV5RB-WOW5PZ5-HH4A6GN-MKNZXNJ-OYCMSA5"
        + "&pingInterval=1m0s&providedBy=");
    assertThat(uri.host()).isEqualTo("127.0.0.1");
    assertThat(uri.port()).isEqualTo(22067);
    assertThat(uri.id()).map(b -> b.length).isEqualTo(Optional.of(32));
    assertThat(RelayUri.parse("relay://[::1]:9/").host()).isEqualTo("::1");
    assertThatThrownBy(() -> RelayUri.parse("http://x:1"))
        .hasMessageContaining("expected relay://HOST:PORT");
  }

  private static RelayMessage decode(String hex) throws Exception {
    return RelayCodec.decode(ByteBuffer.wrap(Hex.decode(hex))).orElseThrow();
  }

  private static String hex(RelayMessage m) {
    return Hex.encode(RelayCodec.encode(m));
  }

  private static byte[] mapped127() {
    return Hex.decode("00000000000000000000ffff7f000001");
  }

  private static byte[] range(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }
}
