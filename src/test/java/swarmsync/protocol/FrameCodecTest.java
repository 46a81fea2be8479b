package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** The frame codec against exact byte vectors (the ones in docs/protocol-frames.md). */
class FrameCodecTest {
  static final String HELLO_FRAME = "00000044" + "01"
      + "0a066c6170746f70" + "1209737761726d73796e63" + "1a05302e312e30"
      + "2220000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      + "2880d095ffbc31";

  static final String REQUEST_FRAME = "0000004f" + "06"
      + "0807" + "1214a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"
      + "1a0a646f63732f612e747874" + "20808010" + "28808004"
      + "32201111111111111111111111111111111111111111111111111111111111111111";

  static final String INDEX_FRAME = "00000071" + "04"
      + "0a14a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"
      + "1256" + "0a05612e747874" + "1805" + "20959a97ece39fe7cb17" + "28a403"
      + "3a0c08888e98a8c0e080810110034009" + "48888e98a8c0e0808101"
      + "5224" + "1005" + "1a202222222222222222222222222222222222222222222222222222222222222222"
      + "1801";

  static final String PING_FRAME = "00000001" + "09";

  static final String HELLO_LISTENING_FRAME = "00000048" + "01"
      + "0a066c6170746f70" + "1209737761726d73796e63" + "1a05302e312e30"
      + "2220000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
      + "2880d095ffbc31" + "30f0ab01";

  static final String PEER_EXCHANGE_FRAME = "0000003a" + "0b"
      + "0a14a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"
      + "120a" + "0a04c0a80114" + "10f0ab01"
      + "1215" + "0a1020010db8000000000000000000000001" + "10bb03";

  @Test
  void helloEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(Samples.hello()))).isEqualTo(HELLO_FRAME);
    assertThat(decodeOne(HELLO_FRAME)).usingRecursiveComparison().isEqualTo(Samples.hello());
  }

  @Test
  void requestEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(Samples.request()))).isEqualTo(REQUEST_FRAME);
    assertThat(decodeOne(REQUEST_FRAME)).usingRecursiveComparison()
        .isEqualTo(Samples.request());
  }

  @Test
  void smallIndexEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(Samples.index()))).isEqualTo(INDEX_FRAME);
    assertThat(decodeOne(INDEX_FRAME)).usingRecursiveComparison().isEqualTo(Samples.index());
  }

  @Test
  void helloWithAListenPortEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(Samples.helloListening())))
        .isEqualTo(HELLO_LISTENING_FRAME);
    assertThat(decodeOne(HELLO_LISTENING_FRAME)).usingRecursiveComparison()
        .isEqualTo(Samples.helloListening());
  }

  @Test
  void peerExchangeEncodesToTheDocumentedBytesAndDecodesBack() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(Samples.peerExchange())))
        .isEqualTo(PEER_EXCHANGE_FRAME);
    assertThat(decodeOne(PEER_EXCHANGE_FRAME)).usingRecursiveComparison()
        .isEqualTo(Samples.peerExchange());
  }

  @Test
  void pingIsATypeByteWithNoPayload() throws Exception {
    assertThat(Hex.encode(FrameCodec.encode(new Message.Ping()))).isEqualTo(PING_FRAME);
    assertThat(decodeOne(PING_FRAME)).isEqualTo(new Message.Ping());
  }

  @Test
  void exactInputDecodesAndIsConsumedEntirely() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode(REQUEST_FRAME));
    assertThat(FrameCodec.decode(in)).isPresent();
    assertThat(in.remaining()).isZero();
  }

  @Test
  void trailingBytesAreLeftForTheNextFrame() throws Exception {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode(REQUEST_FRAME + PING_FRAME));
    assertThat(FrameCodec.decode(in).orElseThrow()).isInstanceOf(Message.Request.class);
    assertThat(in.remaining()).isEqualTo(5);
    assertThat(FrameCodec.decode(in)).contains(new Message.Ping());
    assertThat(in.remaining()).isZero();
  }

  @Test
  void insufficientInputNeedsMoreAndConsumesNothing() throws Exception {
    byte[] frame = Hex.decode(REQUEST_FRAME);
    for (int available = 0; available < frame.length; available++) {
      ByteBuffer in = ByteBuffer.wrap(frame, 0, available);
      assertThat(FrameCodec.decode(in)).as("with %d bytes", available).isEmpty();
      assertThat(in.position()).isZero();
    }
  }

  @Test
  void twoFramesFedByteByByteDecodeAtEverySplitPoint() throws Exception {
    byte[] stream = Hex.decode(HELLO_FRAME + INDEX_FRAME);
    for (int split = 0; split <= stream.length; split++) {
      ByteBuffer buffer = ByteBuffer.allocate(stream.length);
      List<Message> decoded = new ArrayList<>();
      buffer.put(stream, 0, split).flip();
      drain(buffer, decoded);
      for (int i = split; i < stream.length; i++) {
        buffer.compact().put(stream[i]).flip();
        drain(buffer, decoded);
      }
      assertThat(decoded).as("split at %d", split).hasSize(2);
      assertThat(decoded.get(0)).usingRecursiveComparison().isEqualTo(Samples.hello());
      assertThat(decoded.get(1)).usingRecursiveComparison().isEqualTo(Samples.index());
    }
  }

  @Test
  void lengthZeroIsRefused() {
    assertThatThrownBy(() -> decodeOne("00000000"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("frame length is 0");
  }

  @Test
  void lengthAboveTheMaximumIsRefusedBeforeAnythingIsAllocated() {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode("7fffffff07"));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> FrameCodec.decode(in))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("frame length 2147483647 exceeds MAX_FRAME_BYTES 16777216");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    assertThat(in.position()).isZero();
  }

  @Test
  void lengthsWithTheTopBitSetAreRefusedAsHugeNotNegative() {
    assertThatThrownBy(() -> decodeOne("ffffffff07"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("4294967295 exceeds");
    assertThatThrownBy(() -> decodeOne("80000000"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("2147483648 exceeds");
  }

  @Test
  void lengthOneAboveTheMaximumIsRefusedAndTheMaximumWaitsForMore() throws Exception {
    assertThatThrownBy(() -> decodeOne("01000001"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("16777217 exceeds");
    assertThat(FrameCodec.decode(ByteBuffer.wrap(Hex.decode("0100000009")))).isEmpty();
  }

  @Test
  void unknownTypeIsRefusedNamingTheByte() {
    assertThatThrownBy(() -> decodeOne("0000000142"))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("frame type 0x42 is not a known message type");
    assertThatThrownBy(() -> decodeOne("0000000100"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("0x00");
  }

  @Test
  void garbagePayloadIsRefusedAsInvalidProtobuf() {
    assertThatThrownBy(() -> decodeOne("0000000406ffffff"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("REQUEST payload is not valid protobuf");
  }

  @Test
  void aBadFrameIsNotConsumedSoTheFrameAfterItIsNeverReached() {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode("0000000142" + PING_FRAME));
    assertThatThrownBy(() -> FrameCodec.decode(in)).isInstanceOf(ProtocolException.class);
    assertThat(in.position()).isZero();
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
    // PING with field 15 (varint 1) that this version does not know.
    assertThat(decodeOne("00000003097801")).isEqualTo(new Message.Ping());
  }

  private static Message decodeOne(String hex) throws ProtocolException {
    ByteBuffer in = ByteBuffer.wrap(Hex.decode(hex));
    Optional<Message> message = FrameCodec.decode(in);
    assertThat(in.remaining()).as("bytes left after the frame").isZero();
    return message.orElseThrow();
  }

  private static void drain(ByteBuffer buffer, List<Message> decoded) throws ProtocolException {
    for (Optional<Message> m = FrameCodec.decode(buffer); m.isPresent();
        m = FrameCodec.decode(buffer)) {
      decoded.add(m.get());
    }
  }
}
