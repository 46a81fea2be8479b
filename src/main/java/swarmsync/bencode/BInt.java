package swarmsync.bencode;

/** A bencoded integer: {@code i<decimal>e}, a signed 64-bit value. */
public record BInt(long value) implements BValue {
  /** The value if it fits {@code [min, max]}, else a {@link BencodeException} naming it. */
  public long inRange(String what, long min, long max) throws BencodeException {
    if (value < min || value > max) {
      throw new BencodeException(what + " must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }
}
