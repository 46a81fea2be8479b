package swarmsync.keys;

/**
 * Key text that is not a valid key; the message is one line for people and never contains the
 * key text itself.
 */
public final class KeyFormatException extends IllegalArgumentException {
  KeyFormatException(String message) {
    super(message);
  }
}
