package swarmsync.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A bencoded byte string: {@code <length>:<bytes>}; the bytes need not be text. */
public final class BBytes implements BValue {
  private final byte[] bytes;

  private BBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  public static BBytes of(byte[] bytes) {
    return new BBytes(bytes.clone());
  }

  /** The UTF-8 encoding of {@code text}. */
  public static BBytes of(String text) {
    return new BBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Wraps an array the caller gives up (the reader's freshly copied slices). */
  static BBytes wrap(byte[] bytes) {
    return new BBytes(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  /** The bytes as UTF-8 text, malformed sequences replaced. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BBytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "BBytes[" + bytes.length + " bytes]";
  }
}
