package swarmsync.nat;

import java.io.IOException;

/** A gateway answered a mapping request, but with a refusal or with a malformed answer. */
public final class PortMappingException extends IOException {
  private static final long serialVersionUID = 1L;

  public PortMappingException(String message) {
    super(message);
  }
}
