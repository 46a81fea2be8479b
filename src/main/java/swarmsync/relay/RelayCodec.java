package swarmsync.relay;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bytes to relay messages and back: Syncthing relay protocol v1, XDR encoded.
 *
 * <pre>
 * message = magic:u32 (0x9E79BC40) | type:i32 | length:i32 | body (length bytes)
 * opaque  = len:u32 | bytes | zero padding to a multiple of 4
 * JoinSessionRequest  = key:opaque(32)
 * Response            = code:i32 | message:opaque(256, UTF-8)
 * ConnectRequest      = id:opaque(32)
 * SessionInvitation   = from:opaque(32) | key:opaque(32) | address:opaque(32)
 *                       | port:u32 (low 16 bits) | server_socket:u32 (0 or 1)
 * Ping, Pong, JoinRelayRequest, RelayFull = empty body
 * extension (our relay only):
 * RegisterFolders     = count:u32 (&lt;= 32) | count x token:opaque(16)
 * LookupFolder        = token:opaque(16)
 * LookupResult        = count:u32 (&lt;= 16) | count x id:opaque(32)
 * </pre>
 *
 * <p>Every length is checked against its bound before anything is allocated.
 */
public final class RelayCodec {
  public static final int MAGIC = 0x9E79BC40;
  public static final int PING = 0;
  public static final int PONG = 1;
  public static final int JOIN_RELAY_REQUEST = 2;
  public static final int JOIN_SESSION_REQUEST = 3;
  public static final int RESPONSE = 4;
  public static final int CONNECT_REQUEST = 5;
  public static final int SESSION_INVITATION = 6;
  public static final int RELAY_FULL = 7;
  /** Extension types: "SS" in the high half, far from Syncthing's 0 to 7. */
  public static final int REGISTER_FOLDERS = 0x53530001;
  public static final int LOOKUP_FOLDER = 0x53530002;
  public static final int LOOKUP_RESULT = 0x53530003;

  public static final int CODE_SUCCESS = 0;
  public static final int CODE_NOT_FOUND = 1;
  public static final int CODE_ALREADY_CONNECTED = 2;
  public static final int CODE_UNEXPECTED_MESSAGE = 100;

  /** Header bytes: magic, type, length. */
  public static final int HEADER_BYTES = 12;
  /** Largest body, as strelaysrv's reader allows: 1024 bytes. */
  public static final int MAX_BODY_BYTES = 1024;
  /** Device ids, session keys and addresses: at most 32 bytes each, as in Syncthing. */
  public static final int MAX_ID_BYTES = 32;
  /** Response texts: 256 bytes is far above "success" and "not found". */
  public static final int MAX_MESSAGE_BYTES = 256;
  /** Folder tokens are 16 bytes ({@link RendezvousToken}). */
  public static final int TOKEN_BYTES = 16;
  /** Most folder tokens one client registers: 32 folders shared through one relay. */
  public static final int MAX_TOKENS = 32;
  /** Most device ids in one lookup answer: 16, enough to reach a folder's swarm. */
  public static final int MAX_LOOKUP_IDS = 16;

  private RelayCodec() {}

  /** The whole message: header and body. */
  public static byte[] encode(RelayMessage message) {
    ByteBuffer body = ByteBuffer.allocate(MAX_BODY_BYTES);
    if (message instanceof RelayMessage.JoinSessionRequest m) {
      opaque(body, m.key());
    } else if (message instanceof RelayMessage.Response m) {
      body.putInt(m.code());
      opaque(body, m.message().getBytes(StandardCharsets.UTF_8));
    } else if (message instanceof RelayMessage.ConnectRequest m) {
      opaque(body, m.deviceId());
    } else if (message instanceof RelayMessage.SessionInvitation m) {
      opaque(body, m.from());
      opaque(body, m.key());
      opaque(body, m.address());
      body.putInt(m.port() & 0xffff);
      body.putInt(m.serverSocket() ? 1 : 0);
    } else if (message instanceof RelayMessage.RegisterFolders m) {
      list(body, m.tokens());
    } else if (message instanceof RelayMessage.LookupFolder m) {
      opaque(body, m.token());
    } else if (message instanceof RelayMessage.LookupResult m) {
      list(body, m.deviceIds());
    }
    body.flip();
    ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + body.remaining());
    out.putInt(MAGIC).putInt(message.type()).putInt(body.remaining()).put(body);
    return out.array();
  }

  /**
   * The next whole message in {@code in}, consuming it; empty, consuming nothing, if the buffer
   * holds only part of one.
   *
   * @throws RelayProtocolException on a bad magic, length, type or field
   */
  public static Optional<RelayMessage> decode(ByteBuffer in) throws RelayProtocolException {
    if (in.remaining() < HEADER_BYTES) {
      return Optional.empty();
    }
    int start = in.position();
    int type = header(in.getInt(start), in.getInt(start + 8));
    int length = in.getInt(start + 8);
    if (in.remaining() < HEADER_BYTES + length) {
      return Optional.empty();
    }
    byte[] body = new byte[length];
    in.position(start + HEADER_BYTES);
    in.get(body);
    return Optional.of(body(in.getInt(start + 4), body));
  }

  /** Reads exactly one message from a stream, never past its end (no read-ahead). */
  public static RelayMessage read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] header = new byte[HEADER_BYTES];
    try {
      in.readFully(header);
    } catch (EOFException e) {
      throw new EOFException("relay connection ended");
    }
    ByteBuffer h = ByteBuffer.wrap(header);
    header(h.getInt(0), h.getInt(8));
    byte[] body = new byte[h.getInt(8)];
    in.readFully(body);
    return body(h.getInt(4), body);
  }

  /** Checks magic and length; returns the length. */
  private static int header(int magic, int length) throws RelayProtocolException {
    if (magic != MAGIC) {
      throw new RelayProtocolException(String.format("bad relay magic 0x%08x", magic));
    }
    if (length < 0 || length > MAX_BODY_BYTES) {
      throw new RelayProtocolException("relay message length " + length + " outside 0.."
          + MAX_BODY_BYTES);
    }
    return length;
  }

  private static RelayMessage body(int type, byte[] bytes) throws RelayProtocolException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    RelayMessage message;
    try {
      message = switch (type) {
        case PING -> new RelayMessage.Ping();
        case PONG -> new RelayMessage.Pong();
        case JOIN_RELAY_REQUEST -> new RelayMessage.JoinRelayRequest();
        case RELAY_FULL -> new RelayMessage.RelayFull();
        case JOIN_SESSION_REQUEST ->
            new RelayMessage.JoinSessionRequest(opaque(b, MAX_ID_BYTES, "session key"));
        case RESPONSE -> new RelayMessage.Response(b.getInt(), new String(
            opaque(b, MAX_MESSAGE_BYTES, "response message"), StandardCharsets.UTF_8));
        case CONNECT_REQUEST ->
            new RelayMessage.ConnectRequest(opaque(b, MAX_ID_BYTES, "device id"));
        case SESSION_INVITATION -> new RelayMessage.SessionInvitation(
            opaque(b, MAX_ID_BYTES, "from"), opaque(b, MAX_ID_BYTES, "session key"),
            opaque(b, MAX_ID_BYTES, "address"), b.getInt() & 0xffff, b.getInt() != 0);
        case REGISTER_FOLDERS -> new RelayMessage.RegisterFolders(
            list(b, MAX_TOKENS, TOKEN_BYTES, "folder token"));
        case LOOKUP_FOLDER -> new RelayMessage.LookupFolder(exact(
            opaque(b, TOKEN_BYTES, "folder token"), TOKEN_BYTES, "folder token"));
        case LOOKUP_RESULT -> new RelayMessage.LookupResult(
            list(b, MAX_LOOKUP_IDS, MAX_ID_BYTES, "device id"));
        default -> throw new RelayProtocolException("unknown relay message type " + type);
      };
    } catch (BufferUnderflowException e) {
      throw new RelayProtocolException("relay message type " + type + " ends early ("
          + bytes.length + " bytes)");
    }
    if (b.hasRemaining()) {
      throw new RelayProtocolException("relay message type " + type + " has "
          + b.remaining() + " trailing bytes");
    }
    return message;
  }

  private static void opaque(ByteBuffer out, byte[] value) {
    out.putInt(value.length).put(value);
    out.put(new byte[(4 - value.length % 4) % 4]);
  }

  private static byte[] opaque(ByteBuffer in, int max, String field)
      throws RelayProtocolException {
    int length = in.getInt();
    if (length < 0 || length > max) {
      throw new RelayProtocolException(field + " length " + length + " outside 0.." + max);
    }
    if (in.remaining() < length) {
      throw new BufferUnderflowException();
    }
    byte[] value = new byte[length];
    in.get(value);
    int pad = (4 - length % 4) % 4;
    if (in.remaining() < pad) {
      throw new BufferUnderflowException();
    }
    in.position(in.position() + pad);
    return value;
  }

  private static void list(ByteBuffer out, List<byte[]> values) {
    out.putInt(values.size());
    values.forEach(v -> opaque(out, v));
  }

  private static List<byte[]> list(ByteBuffer in, int maxCount, int size, String field)
      throws RelayProtocolException {
    int count = in.getInt();
    if (count < 0 || count > maxCount) {
      throw new RelayProtocolException(field + " count " + count + " outside 0.." + maxCount);
    }
    List<byte[]> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(exact(opaque(in, size, field), size, field));
    }
    return values;
  }

  private static byte[] exact(byte[] value, int size, String field)
      throws RelayProtocolException {
    if (value.length != size) {
      throw new RelayProtocolException(field + " has " + value.length + " bytes, not " + size);
    }
    return value;
  }
}
