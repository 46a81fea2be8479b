package swarmsync.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The frame codec, pure: messages to bytes and accumulated bytes to messages.
 *
 * <pre>
 *   0      4      5
 *   +------+------+----------------------------+
 *   | len  | type | protobuf payload           |   len = 1 + payload bytes, u32 big-endian
 *   +------+------+----------------------------+   1 &lt;= len &lt;= Limits.MAX_FRAME_BYTES
 * </pre>
 *
 * The length is checked before anything is allocated for the frame; a frame that breaks any
 * rule throws {@link ProtocolException}, and the connection it came from is then unusable.
 */
public final class FrameCodec {
  /** Bytes of the length field. */
  public static final int LENGTH_BYTES = 4;

  /** Bytes before the payload: length and type. */
  public static final int HEADER_BYTES = LENGTH_BYTES + 1;

  private FrameCodec() {}

  /** The whole frame of a message; throws IllegalArgumentException if a peer would refuse it. */
  public static byte[] encode(Message message) {
    MessageLite wire = MessageMapper.toWire(message);
    int payload = wire.getSerializedSize();
    if (1L + payload > Limits.MAX_FRAME_BYTES) {
      throw new IllegalArgumentException(message.type() + " of " + payload
          + " bytes exceeds MAX_FRAME_BYTES " + Limits.MAX_FRAME_BYTES);
    }
    byte[] frame = new byte[HEADER_BYTES + payload];
    ByteBuffer.wrap(frame).putInt(1 + payload).put((byte) message.type().code());
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(frame, HEADER_BYTES, payload);
      wire.writeTo(out);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("serializing " + message.type() + " into an array", e);
    }
    return frame;
  }

  /**
   * Decodes the frame at the buffer's position. Returns the message and moves the position past
   * the frame, or returns empty and leaves the buffer untouched when the frame is not complete
   * yet. A bad frame throws and leaves the position where it was.
   */
  public static Optional<Message> decode(ByteBuffer in) throws ProtocolException {
    if (in.remaining() < LENGTH_BYTES) {
      return Optional.empty();
    }
    int start = in.position();
    int length = checkLength(Integer.toUnsignedLong(in.getInt(start)));
    if (in.remaining() > LENGTH_BYTES) {
      MessageType.of(in.get(start + LENGTH_BYTES) & 0xff);
    }
    if (in.remaining() - LENGTH_BYTES < length) {
      return Optional.empty();
    }
    ByteBuffer body = in.duplicate();
    body.position(start + LENGTH_BYTES).limit(start + LENGTH_BYTES + length);
    Message message = decodeBody(body);
    in.position(start + LENGTH_BYTES + length);
    return Optional.of(message);
  }

  /** The frame length field's value if within bounds; throws naming the problem otherwise. */
  static int checkLength(long length) throws ProtocolException {
    if (length == 0) {
      throw new ProtocolException("frame length is 0; it must count at least the type byte");
    }
    if (length > Limits.MAX_FRAME_BYTES) {
      throw new ProtocolException("frame length " + length + " exceeds MAX_FRAME_BYTES "
          + Limits.MAX_FRAME_BYTES);
    }
    return (int) length;
  }

  /** Decodes {@code <type:u8><payload>}, the part of a frame the length field counts. */
  static Message decodeBody(ByteBuffer body) throws ProtocolException {
    MessageType type = MessageType.of(body.get(body.position()) & 0xff);
    ByteBuffer payload = body.duplicate();
    payload.position(body.position() + 1);
    return MessageMapper.fromWire(type, payload.slice());
  }
}
