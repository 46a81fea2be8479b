package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class UdpTrackerPacketsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] HASH = HEX.parseHex("e5e9a7c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1");
  private static final byte[] PEER_ID = "-SW0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);

  @Test
  void connectRequestIsProtocolIdActionZeroAndTransaction() {
    assertThat(HEX.formatHex(UdpTrackerPackets.connectRequest(0x01020304)))
        .isEqualTo("0000041727101980" + "00000000" + "01020304");
  }

  @Test
  void announceRequestIsNinetyEightBytesInBepOrder() {
    byte[] packet = UdpTrackerPackets.announceRequest(0x1122334455667788L, 7,
        new Announce(HASH, PEER_ID, 40001, Event.STARTED), 0x0a0b0c0d, 50);
    assertThat(HEX.formatHex(packet)).isEqualTo("1122334455667788" + "00000001" + "00000007"
        + HEX.formatHex(HASH) + HEX.formatHex(PEER_ID)
        + "0000000000000000" + "0000000000000000" + "0000000000000000"
        + "00000002" + "00000000" + "0a0b0c0d" + "00000032" + "9c41");
  }

  @Test
  void readsConnectAndAnnounceReplies() throws Exception {
    ByteBuffer connect = ByteBuffer.wrap(HEX.parseHex("00000000" + "00000007"
        + "212904a0e022724c"));
    assertThat(UdpTrackerPackets.readConnectReply(connect)).isEqualTo(0x212904a0e022724cL);
    ByteBuffer announce = ByteBuffer.wrap(HEX.parseHex("00000001" + "00000007" + "00000689"
        + "00000000" + "00000003" + "7f0000019c43" + "7f0000019c42"));
    AnnounceResult result = UdpTrackerPackets.readAnnounceReply(announce, 6);
    assertThat(result.interval()).isEqualTo(Duration.ofSeconds(1673));
    assertThat(result.peers()).containsExactly(new InetSocketAddress("127.0.0.1", 40003),
        new InetSocketAddress("127.0.0.1", 40002));
  }

  @Test
  void opentrackersEightByteRefusalIsAClearError() {
    ByteBuffer refusal = ByteBuffer.wrap(HEX.parseHex("00000001" + "00000007"));
    assertThatThrownBy(() -> UdpTrackerPackets.readAnnounceReply(refusal, 6))
        .isInstanceOf(TrackerException.class)
        .hasMessageContaining("announce reply of 8 bytes, want at least 20")
        .hasMessageContaining("whitelist");
  }

  @Test
  void errorActionCarriesTheTrackersMessage() {
    ByteBuffer error = ByteBuffer.wrap(UdpTrackerPackets.error(7, "go away"));
    assertThatThrownBy(() -> UdpTrackerPackets.readAnnounceReply(error, 6))
        .hasMessage("tracker error on announce: go away");
    assertThat(HEX.formatHex(UdpTrackerPackets.error(7, "no")))
        .isEqualTo("00000003" + "00000007" + "6e6f");
  }

  @Test
  void refusesAReplyOfAnotherActionOrTooShort() {
    ByteBuffer wrong = ByteBuffer.wrap(HEX.parseHex("00000002" + "00000007"));
    assertThatThrownBy(() -> UdpTrackerPackets.readConnectReply(wrong))
        .hasMessage("connect reply has action 2, want 0");
    ByteBuffer shortReply = ByteBuffer.wrap(HEX.parseHex("00000000" + "00000007" + "0102"));
    assertThatThrownBy(() -> UdpTrackerPackets.readConnectReply(shortReply))
        .hasMessage("connect reply of 10 bytes, want 16");
    ByteBuffer badPeers = ByteBuffer.wrap(HEX.parseHex("00000001" + "00000007" + "00000010"
        + "00000000" + "00000000" + "7f0000"));
    assertThatThrownBy(() -> UdpTrackerPackets.readAnnounceReply(badPeers, 6))
        .hasMessageContaining("not a multiple of 6");
  }

  @Test
  void transactionIdIsReadWithoutConsuming() {
    assertThat(UdpTrackerPackets.transactionOf(ByteBuffer.wrap(new byte[7]))).isEmpty();
    assertThat(UdpTrackerPackets.transactionOf(ByteBuffer.wrap(HEX.parseHex("0000000100000009"))))
        .hasValue(9);
  }
}
