package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactPeersTest {
  private static final byte[] TWO_V4 = {127, 0, 0, 1, 0x1a, (byte) 0xe1, 10, 0, 0, 2, 0, 80};

  @Test
  void decodesSixBytesPerIpv4Peer() throws Exception {
    assertThat(CompactPeers.decode(TWO_V4, 6)).containsExactly(
        new InetSocketAddress("127.0.0.1", 6881), new InetSocketAddress("10.0.0.2", 80));
  }

  @Test
  void decodesEighteenBytesPerIpv6Peer() throws Exception {
    byte[] one = new byte[18];
    one[15] = 1;
    one[16] = (byte) 0xff;
    one[17] = (byte) 0xff;
    assertThat(CompactPeers.decode(one, 18))
        .containsExactly(new InetSocketAddress("::1", 65535));
  }

  @Test
  void encodesOnlyPeersOfTheRequestedFamily() {
    List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", 6881),
        new InetSocketAddress("::1", 1), new InetSocketAddress("10.0.0.2", 80));
    assertThat(CompactPeers.encode(peers, 6)).isEqualTo(TWO_V4);
    assertThat(CompactPeers.encode(peers, 18)).hasSize(18);
  }

  @Test
  void refusesALengthThatIsNotAMultipleOfTheEntry() {
    assertThatThrownBy(() -> CompactPeers.decode(new byte[7], 6))
        .isInstanceOf(TrackerException.class)
        .hasMessage("compact peer list of 7 bytes is not a multiple of 6");
  }
}
