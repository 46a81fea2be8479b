package swarmsync.record;

import java.util.Arrays;
import swarmsync.util.Hex;

/** The SHA-256 of one chunk's plaintext: the chunk's name everywhere in the system. */
public final class ChunkHash {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private ChunkHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ChunkHash of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("chunk hash must be " + LENGTH + " bytes, got "
          + bytes.length);
    }
    return new ChunkHash(bytes.clone());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChunkHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8
        | (bytes[3] & 0xff);
  }
}
