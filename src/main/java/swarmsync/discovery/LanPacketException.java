package swarmsync.discovery;

import java.io.IOException;

/** A LAN announcement that breaks the packet layout; the message names the field. */
public final class LanPacketException extends IOException {
  public LanPacketException(String message) {
    super(message);
  }
}
