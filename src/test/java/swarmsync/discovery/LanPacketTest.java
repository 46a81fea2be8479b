package swarmsync.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import swarmsync.record.DeviceId;
import swarmsync.util.Hex;

/** The LAN announcement codec against exact byte vectors (those of docs/discovery.md). */
class LanPacketTest {
  static final String ID_A = "1111111111111111111111111111111111111111";
  static final String ID_B = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";
  static final String PACKET = "53534c41" + "01"
      + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      + "55f0" + "0002" + ID_A + ID_B;

  static DeviceId device(int first) {
    byte[] b = new byte[DeviceId.LENGTH];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (first + i);
    }
    return DeviceId.of(b);
  }

  static LanPacket sample() {
    return new LanPacket(device(0), 22000, List.of(ID_A, ID_B));
  }

  private static LanPacket decode(String hex) throws LanPacketException {
    return LanPacket.decode(ByteBuffer.wrap(Hex.decode(hex)));
  }

  @Test
  void encodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(sample().encode())).isEqualTo(PACKET);
    assertThat(decode(PACKET)).isEqualTo(sample());
  }

  @Test
  void decodesOnlyTheBuffersRemainingBytes() throws Exception {
    ByteBuffer b = ByteBuffer.wrap(Hex.decode("ffff" + PACKET), 2, PACKET.length() / 2);
    assertThat(LanPacket.decode(b)).isEqualTo(sample());
  }

  @Test
  void refusesEveryTruncation() {
    for (int len = 0; len < PACKET.length(); len += 2) {
      String cut = PACKET.substring(0, len);
      assertThatThrownBy(() -> decode(cut)).as("first %d bytes", len / 2)
          .isInstanceOf(LanPacketException.class);
    }
  }

  @Test
  void refusesTrailingBytes() {
    assertThatThrownBy(() -> decode(PACKET + "00"))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("count 2 needs 40");
  }

  @Test
  void refusesCountAboveMaxBeforeReadingIds() {
    StringBuilder hex = new StringBuilder(PACKET.substring(0, 78) + "0041");
    for (int i = 0; i < 65; i++) {
      hex.append(ID_A);
    }
    assertThatThrownBy(() -> decode(hex.toString()))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("count 65 exceeds MAX_IDS");
    assertThatThrownBy(() -> decode(PACKET.substring(0, 78) + "ffff"))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("count 65535");
  }

  @Test
  void refusesWrongMagicVersionAndPortZero() {
    assertThatThrownBy(() -> decode("53534c42" + PACKET.substring(8)))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("magic");
    assertThatThrownBy(() -> decode("53534c41" + "02" + PACKET.substring(10)))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("version is 2");
    assertThatThrownBy(() -> decode(PACKET.substring(0, 74) + "0000" + PACKET.substring(78)))
        .isInstanceOf(LanPacketException.class).hasMessageContaining("port is 0");
  }

  @Test
  void acceptsAnAnnouncementWithoutIds() throws Exception {
    assertThat(decode(PACKET.substring(0, 78) + "0000").discoveryIds()).isEmpty();
  }

  @Test
  void splitsManyIdsIntoPacketsThatFitOneDatagram() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add(String.format("%040x", i));
    }
    List<LanPacket> packets = LanPacket.split(device(0), 22000, Set.copyOf(ids));
    assertThat(packets).extracting(p -> p.discoveryIds().size()).containsExactly(64, 64, 22);
    List<String> back = new ArrayList<>();
    for (LanPacket p : packets) {
      byte[] bytes = p.encode();
      assertThat(bytes.length).isLessThanOrEqualTo(LanPacket.MAX_BYTES).isLessThan(1400);
      back.addAll(LanPacket.decode(ByteBuffer.wrap(bytes)).discoveryIds());
    }
    assertThat(back).isEqualTo(ids);
  }

  @Test
  void refusesIdsThatAreNotLowerCaseHexOfTwentyBytes() {
    assertThatThrownBy(() -> LanPacket.checkId(ID_B.toUpperCase(java.util.Locale.ROOT)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
    assertThatThrownBy(() -> LanPacket.checkId("abcd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LanPacket.checkId("zz" + ID_A.substring(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
