package swarmsync.dht;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import swarmsync.util.Hex;

/** A 160-bit DHT node id or info_hash, compared by XOR distance (BEP 5). */
public final class NodeId {
  /** Bytes in a node id or info_hash: SHA-1 sized, per BEP 5. */
  public static final int BYTES = 20;
  /** Bits in a node id, and so the number of routing table buckets. */
  public static final int BITS = BYTES * 8;

  private final byte[] bytes;

  private NodeId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of 20 bytes; throws naming the length otherwise. */
  public static NodeId of(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException("node id must be " + BYTES + " bytes, got "
          + (bytes == null ? "null" : bytes.length));
    }
    return new NodeId(bytes.clone());
  }

  /** A fresh random id. */
  public static NodeId random() {
    byte[] b = new byte[BYTES];
    new SecureRandom().nextBytes(b);
    return new NodeId(b);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** How many leading bits this id shares with {@code other}: 0..160 (160 = equal). */
  int commonPrefixBits(NodeId other) {
    for (int i = 0; i < BYTES; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** Orders ids by XOR distance to this one, nearest first. */
  Comparator<NodeId> byDistance() {
    return (a, b) -> {
      for (int i = 0; i < BYTES; i++) {
        int da = (a.bytes[i] ^ bytes[i]) & 0xff;
        int db = (b.bytes[i] ^ bytes[i]) & 0xff;
        if (da != db) {
          return Integer.compare(da, db);
        }
      }
      return 0;
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return Hex.encode(bytes);
  }
}
