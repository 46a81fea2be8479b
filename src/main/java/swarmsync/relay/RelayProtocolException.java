package swarmsync.relay;

import java.io.IOException;

/** A relay message that breaks the protocol: bad magic, a length over its bound, a bad field. */
public final class RelayProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public RelayProtocolException(String message) {
    super(message);
  }
}
