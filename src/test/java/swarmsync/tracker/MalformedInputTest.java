package swarmsync.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and mutated requests get an answer or are ignored, and never throw. */
class MalformedInputTest {
  private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5000);
  private final TestClock clock = new TestClock();
  private final Swarms swarms = new Swarms(Duration.ofMinutes(1), clock);
  private final ConnectionIds ids = new ConnectionIds(clock);

  @Test
  void udpEndpointAnswersMutatedPacketsWithoutThrowing() {
    UdpTrackerEndpoint endpoint = new UdpTrackerEndpoint(null, swarms, ids,
        Duration.ofMinutes(1));
    long id = ids.issue(FROM.getAddress());
    byte[] valid = UdpTrackerPackets.announceRequest(id, 1, new Announce(new byte[20],
        Announce.randomPeerId(), 1, Event.STARTED), 0, 50);
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] packet = Arrays.copyOf(valid, random.nextInt(valid.length + 40));
      for (int flips = random.nextInt(4); flips > 0 && packet.length > 0; flips--) {
        packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
      }
      byte[] reply = endpoint.answer(ByteBuffer.wrap(packet), FROM);
      if (packet.length < 16) {
        assertThat(reply).isNull();
      } else {
        assertThat(reply).isNotNull();
      }
    }
  }

  @Test
  void httpEndpointAnswersRandomRequestLinesWithoutThrowing() throws Exception {
    HttpTrackerEndpoint endpoint = new HttpTrackerEndpoint(null, null, swarms,
        Duration.ofMinutes(1));
    Random random = new Random(7);
    String alphabet = "GET /announce?info_hash=%&peer_id=port=1 HTTP/1.1+\u00ff\u0000";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder line = new StringBuilder(random.nextBoolean() ? "GET /announce?" : "");
      for (int n = random.nextInt(120); n > 0; n--) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      HttpTrackerEndpoint.HttpReply reply = endpoint.answer(line.toString(),
          InetAddress.getLoopbackAddress());
      assertThat(reply.body()).isNotEmpty();
    }
  }
}
