package swarmsync.protocol;

/**
 * The type byte of a frame: which message its payload is. The codes are part of the protocol
 * and never change meaning; 0x10..0x1f are reserved for the invite exchange.
 */
public enum MessageType {
  HELLO(0x01),
  FOLDER_JOIN(0x02),
  FOLDER_JOIN_RESULT(0x03),
  INDEX(0x04),
  INDEX_UPDATE(0x05),
  REQUEST(0x06),
  RESPONSE(0x07),
  DOWNLOAD_PROGRESS(0x08),
  PING(0x09),
  CLOSE(0x0a),
  PEER_EXCHANGE(0x0b),
  ENCRYPTED_INDEX(0x0c),
  INVITE_REDEEM(0x10),
  INVITE_RESULT(0x11);

  private static final MessageType[] BY_CODE = new MessageType[256];

  static {
    for (MessageType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;

  MessageType(int code) {
    this.code = code;
  }

  /** The type byte, 0..255. */
  public int code() {
    return code;
  }

  /** The type with this byte; throws naming the byte when there is none. */
  public static MessageType of(int code) throws ProtocolException {
    MessageType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    if (type == null) {
      throw new ProtocolException(String.format("frame type 0x%02x is not a known message type",
          code));
    }
    return type;
  }
}
