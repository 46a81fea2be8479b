package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** Reading frames from a stream: bounds first, then exactly the announced bytes. */
class FrameReaderTest {
  @Test
  void readsConsecutiveFramesThenNullAtACleanEnd() throws Exception {
    FrameReader reader = reader(FrameCodecTest.HELLO_FRAME + FrameCodecTest.PING_FRAME);
    assertThat(reader.read()).usingRecursiveComparison().isEqualTo(Samples.hello());
    assertThat(reader.read()).isEqualTo(new Message.Ping());
    assertThat(reader.read()).isNull();
  }

  @Test
  void hugeLengthIsRefusedWithoutReadingFurther() {
    InputStream in = new ByteArrayInputStream(Hex.decode("7fffffff09" + "00".repeat(100)));
    assertThatThrownBy(() -> new FrameReader(in).read())
        .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds MAX_FRAME_BYTES");
    assertThat(in.markSupported()).isTrue();
    assertThat(((ByteArrayInputStream) in).available()).isEqualTo(101);
  }

  @Test
  void aLengthClaimingMoreThanArrivesEndsInEofWithoutAllocatingTheClaim() {
    FrameReader reader = reader("00ffffff09");
    assertThatThrownBy(reader::read).isInstanceOf(EOFException.class)
        .hasMessage("stream ended inside a frame: 1 of 16777215 bytes");
  }

  @Test
  void aStreamEndingInsideTheLengthIsTruncatedNotClean() {
    assertThatThrownBy(reader("0000")::read).isInstanceOf(EOFException.class)
        .hasMessageContaining("2 of 4 bytes");
  }

  @Test
  void lengthZeroAndUnknownTypeAreProtocolErrors() {
    assertThatThrownBy(reader("00000000")::read).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(reader("00000001ee")::read).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("0xee");
  }

  private static FrameReader reader(String hex) {
    return new FrameReader(new ByteArrayInputStream(Hex.decode(hex)));
  }
}
