package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Fuzz targets for what a tracker sends back: the bencoded HTTP announce reply and the UDP
 * connect and announce replies. Any bytes give a result or a {@link TrackerException}; peers
 * come out as resolved IP literals, never names to look up (seeds in
 * TrackerResponseFuzzTestInputs).
 */
class TrackerResponseFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void httpAnnounceReplyParserKeepsItsContract(byte[] body) {
    AnnounceResult result;
    try {
      result = HttpAnnounceResponse.decode(body);
    } catch (TrackerException refused) {
      return;
    }
    assertThat(result.interval().getSeconds())
        .isBetween(0L, HttpAnnounceResponse.MAX_INTERVAL_SECONDS);
    assertLiteralPeers(result);
  }

  @FuzzTest(maxDuration = "10s")
  void udpTrackerReplyParsersKeepTheirContract(FuzzedDataProvider data) {
    boolean ipv6 = data.consumeBoolean();
    byte[] packet = data.consumeRemainingAsBytes();
    try {
      UdpTrackerPackets.readConnectReply(ByteBuffer.wrap(packet));
    } catch (TrackerException refused) {
      // documented refusal
    }
    UdpTrackerPackets.transactionOf(ByteBuffer.wrap(packet));
    try {
      assertLiteralPeers(UdpTrackerPackets.readAnnounceReply(ByteBuffer.wrap(packet),
          ipv6 ? CompactPeers.IPV6_ENTRY : CompactPeers.IPV4_ENTRY));
    } catch (TrackerException refused) {
      // documented refusal
    }
  }

  private static void assertLiteralPeers(AnnounceResult result) {
    for (InetSocketAddress peer : result.peers()) {
      assertThat(peer.isUnresolved()).isFalse();
      assertThat(peer.getPort()).isBetween(0, 65535);
    }
  }
}
