package swarmsync.bencode;

import java.io.IOException;

/** Bencoded input that is malformed, over a limit, or not of the expected shape. */
public final class BencodeException extends IOException {
  public BencodeException(String message) {
    super(message);
  }

  /** A problem at byte {@code offset} of the input. */
  static BencodeException at(int offset, String problem) {
    return new BencodeException("bencode at offset " + offset + ": " + problem);
  }
}
