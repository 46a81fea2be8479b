package swarmsync.discovery;

import java.io.IOException;

/** A LAN announcement that breaks the packet layout; the message names the field. */
final class LanPacketException extends IOException {
  LanPacketException(String message) {
    super(message);
  }
}
