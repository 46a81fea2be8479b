package swarmsync.protocol;

import java.io.IOException;

/** A peer sent bytes that break the protocol; the message names the field and the problem. */
public final class ProtocolException extends IOException {
  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
