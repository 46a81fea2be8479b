package swarmsync.record;

import java.util.Arrays;
import swarmsync.util.Base32;

/**
 * A device's identity: SHA-256 of its certificate (DER), shown as base32 in dash-separated
 * groups of four characters.
 */
public final class DeviceId implements Comparable<DeviceId> {
  public static final int LENGTH = 32;
  private static final int GROUP = 4;

  private final byte[] bytes;

  private DeviceId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static DeviceId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("device id must be " + LENGTH + " bytes, got "
          + bytes.length);
    }
    return new DeviceId(bytes.clone());
  }

  /** Parses the dashed base32 form, ignoring dashes and case. */
  public static DeviceId parse(String text) {
    String plain = text.replace("-", "").toUpperCase(java.util.Locale.ROOT);
    if (plain.length() != 52) {
      throw new IllegalArgumentException("device id must have 52 base32 characters, got "
          + plain.length());
    }
    return of(Base32.decode(plain));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** The first 8 bytes as a number: the device's slot in version vectors. */
  public long shortId() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  /** The first group of the printed id, for file names and logs. */
  public String shortName() {
    return toString().substring(0, 7).replace("-", "");
  }

  @Override
  public String toString() {
    String plain = Base32.encode(bytes);
    StringBuilder out = new StringBuilder(plain.length() + plain.length() / GROUP);
    for (int i = 0; i < plain.length(); i += GROUP) {
      if (i > 0) {
        out.append('-');
      }
      out.append(plain, i, Math.min(plain.length(), i + GROUP));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(DeviceId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }
}
