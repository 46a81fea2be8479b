package swarmsync.relay;

import java.util.List;

/**
 * A message of the Syncthing relay protocol v1, plus the rendezvous extension only our relay
 * server speaks (types {@code 0x53530001} to {@code 0x53530003}). Byte arrays are not copied:
 * messages are values read once and handed on, never shared across threads while mutated.
 */
public sealed interface RelayMessage {
  /** The type number in the message header. */
  int type();

  /** Keep-alive, either way; answered with {@link Pong}. */
  record Ping() implements RelayMessage {
    public int type() {
      return RelayCodec.PING;
    }
  }

  /** Answer to a {@link Ping}. */
  record Pong() implements RelayMessage {
    public int type() {
      return RelayCodec.PONG;
    }
  }

  /** Puts the sender in permanent mode: it receives invitations for its device id. */
  record JoinRelayRequest() implements RelayMessage {
    public int type() {
      return RelayCodec.JOIN_RELAY_REQUEST;
    }
  }

  /** First message on a plain session connection: the session key of an invitation. */
  record JoinSessionRequest(byte[] key) implements RelayMessage {
    public int type() {
      return RelayCodec.JOIN_SESSION_REQUEST;
    }
  }

  /** The relay's answer: code 0 is success, others are listed in {@link RelayCodec}. */
  record Response(int code, String message) implements RelayMessage {
    public int type() {
      return RelayCodec.RESPONSE;
    }

    public boolean ok() {
      return code == RelayCodec.CODE_SUCCESS;
    }
  }

  /** Asks the relay to set up a session with the device whose id is given (32 bytes). */
  record ConnectRequest(byte[] deviceId) implements RelayMessage {
    public int type() {
      return RelayCodec.CONNECT_REQUEST;
    }
  }

  /**
   * A session set up for the sender and the device {@code from}: join it at {@code address}
   * (16-byte IPv6 or IPv4-mapped; empty or unspecified means the relay's own host) and
   * {@code port} with {@code key}; {@code serverSocket} says this side is the TLS server.
   */
  record SessionInvitation(byte[] from, byte[] key, byte[] address, int port,
      boolean serverSocket) implements RelayMessage {
    public int type() {
      return RelayCodec.SESSION_INVITATION;
    }
  }

  /** The relay has no room for another client; it closes the connection. */
  record RelayFull() implements RelayMessage {
    public int type() {
      return RelayCodec.RELAY_FULL;
    }
  }

  /** Extension: the folder tokens a permanent client serves; replaces earlier ones. */
  record RegisterFolders(List<byte[]> tokens) implements RelayMessage {
    public RegisterFolders {
      tokens = List.copyOf(tokens);
    }

    public int type() {
      return RelayCodec.REGISTER_FOLDERS;
    }
  }

  /** Extension: which permanent clients at this relay serve a folder token. */
  record LookupFolder(byte[] token) implements RelayMessage {
    public int type() {
      return RelayCodec.LOOKUP_FOLDER;
    }
  }

  /** Extension: answer to {@link LookupFolder}, the device ids (32 bytes each). */
  record LookupResult(List<byte[]> deviceIds) implements RelayMessage {
    public LookupResult {
      deviceIds = List.copyOf(deviceIds);
    }

    public int type() {
      return RelayCodec.LOOKUP_RESULT;
    }
  }
}
