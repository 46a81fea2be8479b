package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Fuzz target for the LAN discovery packet parser: any datagram is a packet or a
 * {@link LanPacketException}; an accepted packet encodes to bytes that decode to an equal
 * packet (seeds in LanPacketFuzzTestInputs).
 */
class LanPacketFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void lanPacketParserKeepsItsContract(byte[] datagram) throws LanPacketException {
    LanPacket packet;
    try {
      packet = LanPacket.decode(ByteBuffer.wrap(datagram));
    } catch (LanPacketException refused) {
      return;
    }
    assertThat(LanPacket.decode(ByteBuffer.wrap(packet.encode()))).isEqualTo(packet);
  }
}
