package swarmsync.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads frames ({@code <len:u32><type:u8><payload>}) from a stream, one at a time. The length is
 * bounded before the body is read, and the body is read with {@link InputStream#readNBytes(int)},
 * which grows its buffer as bytes arrive: a peer that claims a long frame and sends nothing
 * costs nothing.
 */
public final class FrameReader {
  private final InputStream in;

  public FrameReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next message, or null when the stream ends cleanly between frames. Throws
   * {@link ProtocolException} on a bad frame and {@link EOFException} on a truncated one.
   */
  public Message read() throws IOException {
    byte[] header = in.readNBytes(FrameCodec.LENGTH_BYTES);
    if (header.length == 0) {
      return null;
    }
    if (header.length < FrameCodec.LENGTH_BYTES) {
      throw new EOFException("stream ended inside a frame length (" + header.length
          + " of 4 bytes)");
    }
    int length = FrameCodec.checkLength(Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt()));
    byte[] body = new byte[length];
    int read = in.readNBytes(body, 0, length);
    if (read < length) {
      throw new EOFException("stream ended inside a frame: " + read + " of " + length
          + " bytes");
    }
    return FrameCodec.decodeBody(ByteBuffer.wrap(body));
  }
}
