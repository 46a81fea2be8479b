package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpAnnounceResponseTest {
  private static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      out.writeBytes(part instanceof byte[] b ? b
          : ((String) part).getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  @Test
  void readsACompactReplyAsOpentrackerSendsIt() throws Exception {
    byte[] body = bytes("d8:completei2e10:downloadedi0e10:incompletei0e8:intervali1851e",
        "12:min intervali925e5:peers12:", new byte[] {127, 0, 0, 1, (byte) 0x9c, 0x42,
            127, 0, 0, 1, (byte) 0x9c, 0x41}, "e");
    AnnounceResult result = HttpAnnounceResponse.decode(body);
    assertThat(result.interval()).isEqualTo(Duration.ofSeconds(1851));
    assertThat(result.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 40002),
        new InetSocketAddress("127.0.0.1", 40001));
  }

  @Test
  void readsADictionaryPeerListAndPeers6() throws Exception {
    byte[] v6 = new byte[18];
    v6[15] = 1;
    v6[17] = 7;
    byte[] body = bytes("d8:intervali60e5:peersld2:ip9:10.0.0.257:peer id20:",
        "-XX0000-abcdefghijkl4:porti6881eed2:ip11:example.org4:porti1eee6:peers618:", v6, "e");
    assertThat(HttpAnnounceResponse.decode(body).peers()).containsExactly(
        new InetSocketAddress("10.0.0.25", 6881), new InetSocketAddress("::1", 7));
  }

  @Test
  void raisesIntervalToMinInterval() throws Exception {
    byte[] body = bytes("d8:intervali10e12:min intervali30e5:peers0:e");
    assertThat(HttpAnnounceResponse.decode(body).interval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void failureReasonBecomesATrackerException() {
    byte[] body = bytes("d14:failure reason63:Requested download is not authorized for use",
        " with this tracker.e");
    assertThatThrownBy(() -> HttpAnnounceResponse.decode(body))
        .isInstanceOf(TrackerException.class)
        .hasMessage("tracker refused: Requested download is not authorized for use with this"
            + " tracker.");
  }

  @Test
  void malformedRepliesAreTrackerExceptionsNamingTheProblem() {
    assertThatThrownBy(() -> HttpAnnounceResponse.decode(bytes("<html>")))
        .isInstanceOf(TrackerException.class).hasMessageContaining("malformed tracker reply");
    assertThatThrownBy(() -> HttpAnnounceResponse.decode(bytes("d5:peers0:e")))
        .hasMessageContaining("missing key 'interval'");
    assertThatThrownBy(() -> HttpAnnounceResponse.decode(bytes("d8:intervali-1ee")))
        .hasMessageContaining("interval must be in [0, 604800], got -1");
    assertThatThrownBy(() -> HttpAnnounceResponse.decode(bytes("d8:intervali9e5:peers5:abcdee")))
        .hasMessageContaining("not a multiple of 6");
  }

  @Test
  void encodesCompactAndDictionaryRepliesThatDecodeBack() throws Exception {
    SwarmPeer peer = new SwarmPeer(new InetSocketAddress("127.0.0.1", 6881),
        "-SW0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII), true);
    byte[] compact = HttpAnnounceResponse.encode(Duration.ofSeconds(60), List.of(peer), 1, 0,
        true, false);
    assertThat(new String(compact, StandardCharsets.ISO_8859_1)).isEqualTo(
        "d8:completei1e10:incompletei0e8:intervali60e12:min intervali30e5:peers6:"
            + "\u007f\u0000\u0000\u0001\u001a\u00e1e");
    byte[] list = HttpAnnounceResponse.encode(Duration.ofSeconds(60), List.of(peer), 1, 0,
        false, false);
    assertThat(new String(list, StandardCharsets.ISO_8859_1)).contains(
        "5:peersld2:ip9:127.0.0.17:peer id20:-SW0100-abcdefghijkl4:porti6881eee");
    assertThat(HttpAnnounceResponse.decode(list).peers()).containsExactly(peer.address());
  }
}
