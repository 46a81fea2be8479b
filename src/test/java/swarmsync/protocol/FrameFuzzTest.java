package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz targets for the frame decoder and every message decoder. The contract: bytes from a
 * peer yield a message, "need more", or {@link ProtocolException} (an {@link EOFException} for a
 * stream that ends inside a frame), nothing else; no length is trusted before it is bounded; a
 * decoded message encodes again and decodes to the same bytes. Runs its seeds in
 * {@code FrameFuzzTestInputs} as a regression test; {@code JAZZER_FUZZ=1} fuzzes
 * (bench/fuzz.sh).
 */
class FrameFuzzTest {
  /** Frames of any bytes: the buffer decoder and the stream reader agree, and round-trip. */
  @FuzzTest(maxDuration = "10s")
  void frameDecoderKeepsItsContract(byte[] input) throws IOException {
    List<byte[]> fromBuffer = new ArrayList<>();
    ProtocolException bufferError = null;
    ByteBuffer buffer = ByteBuffer.wrap(input);
    try {
      Optional<Message> next;
      while ((next = FrameCodec.decode(buffer)).isPresent()) {
        fromBuffer.add(reencoded(next.get()));
      }
    } catch (ProtocolException e) {
      bufferError = e;
    }
    List<byte[]> fromStream = new ArrayList<>();
    FrameReader reader = new FrameReader(new ByteArrayInputStream(input));
    try {
      Message m;
      while ((m = reader.read()) != null) {
        fromStream.add(reencoded(m));
      }
      assertThat(bufferError).as("the stream reader accepted what the buffer decoder refused")
          .isNull();
    } catch (ProtocolException e) {
      assertThat(bufferError).as("the buffer decoder accepted what the stream reader refused")
          .isNotNull();
    } catch (EOFException e) {
      assertThat(buffer.hasRemaining()).as("truncated frame left nothing in the buffer").isTrue();
    }
    assertThat(fromStream).hasSameSizeAs(fromBuffer);
    for (int i = 0; i < fromStream.size(); i++) {
      assertThat(fromStream.get(i)).isEqualTo(fromBuffer.get(i));
    }
  }

  /** Each message type's payload decoder on any payload: a message or ProtocolException. */
  @FuzzTest(maxDuration = "10s")
  void everyMessageDecoderKeepsItsContract(FuzzedDataProvider data) throws ProtocolException {
    MessageType type = data.pickValue(MessageType.values());
    byte[] payload = data.consumeRemainingAsBytes();
    Message message;
    try {
      message = MessageMapper.fromWire(type, ByteBuffer.wrap(payload));
    } catch (ProtocolException refused) {
      return;
    }
    assertThat(message.type()).isEqualTo(type);
    reencoded(message);
  }

  /**
   * The frame of a decoded message, checked to decode to a message with the same frame: what
   * we accept we can send, and sending it loses nothing we kept.
   */
  private static byte[] reencoded(Message message) throws ProtocolException {
    byte[] frame = FrameCodec.encode(message);
    ByteBuffer again = ByteBuffer.wrap(frame);
    Message decoded = FrameCodec.decode(again).orElseThrow();
    assertThat(again.hasRemaining()).isFalse();
    assertThat(FrameCodec.encode(decoded)).isEqualTo(frame);
    return frame;
  }
}
