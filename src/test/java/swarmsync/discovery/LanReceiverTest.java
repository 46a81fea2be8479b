package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** What happens to one received datagram: own, shared, unshared, malformed, flooded. */
class LanReceiverTest {
  private static final String ID_C = "cccccccccccccccccccccccccccccccccccccccc";
  private final MutableClock clock = new MutableClock();
  private final List<String> reports = new ArrayList<>();
  private final AtomicInteger answers = new AtomicInteger();
  private Set<String> ours = Set.of(LanPacketTest.ID_A, ID_C);
  private final LanReceiver receiver = new LanReceiver(LanPacketTest.device(100), () -> ours,
      (id, address, source) -> reports.add(id + " " + address + " " + source),
      answers::incrementAndGet, clock, Duration.ofSeconds(60));

  private static InetSocketAddress from(String ip) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(ip), 21073);
  }

  private void receive(LanPacket p, String ip) throws Exception {
    receiver.receive(ByteBuffer.wrap(p.encode()), from(ip));
  }

  @Test
  void reportsOnlySharedIdsWithTheSourceAddressAndAnnouncedPort() throws Exception {
    receive(LanPacketTest.sample(), "10.88.0.2");
    assertThat(reports).containsExactly(LanPacketTest.ID_A + " /10.88.0.2:22000 lan");
  }

  @Test
  void ignoresItsOwnPackets() throws Exception {
    receive(new LanPacket(LanPacketTest.device(100), 22000, List.of(LanPacketTest.ID_A)),
        "10.88.0.1");
    assertThat(reports).isEmpty();
    assertThat(answers).hasValue(0);
  }

  @Test
  void neitherReportsNorAnswersADeviceThatSharesNothing() throws Exception {
    ours = Set.of(ID_C);
    receive(LanPacketTest.sample(), "10.88.0.2");
    assertThat(reports).isEmpty();
    assertThat(answers).hasValue(0);
  }

  @Test
  void answersANewcomerOnceAndAgainAfterItWasSilentLong() throws Exception {
    receive(LanPacketTest.sample(), "10.88.0.2");
    clock.advance(Duration.ofSeconds(30));
    receive(LanPacketTest.sample(), "10.88.0.2");
    assertThat(answers).hasValue(1);
    clock.advance(Duration.ofSeconds(61));
    receive(LanPacketTest.sample(), "10.88.0.2");
    assertThat(answers).hasValue(2);
    assertThat(reports).hasSize(3);
  }

  @Test
  void dropsAMalformedPacketAndHandlesTheNextOne() throws Exception {
    byte[] bad = Hex.decode(LanPacketTest.PACKET + "00");
    receiver.receive(ByteBuffer.wrap(bad), from("10.88.0.2"));
    assertThat(reports).isEmpty();
    receive(LanPacketTest.sample(), "10.88.0.2");
    assertThat(reports).hasSize(1);
  }

  @Test
  void cutsAFloodFromOneSourceButStillHearsOthers() throws Exception {
    for (int i = 0; i < 1000; i++) {
      receive(LanPacketTest.sample(), "10.88.0.66");
    }
    assertThat(reports).hasSize(LanRateLimiter.BURST_PACKETS);
    receive(LanPacketTest.sample(), "10.88.0.3");
    assertThat(reports).hasSize(LanRateLimiter.BURST_PACKETS + 1);
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 1000; i++) {
      receive(LanPacketTest.sample(), "10.88.0.66");
    }
    assertThat(reports).hasSize(LanRateLimiter.BURST_PACKETS + 1
        + (int) LanRateLimiter.PACKETS_PER_SECOND);
  }
}
