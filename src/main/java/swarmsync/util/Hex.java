package swarmsync.util;

import java.util.HexFormat;

/** Lower-case hexadecimal encoding of byte arrays. */
public final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }

  /** Decodes hex text; throws IllegalArgumentException naming the problem on bad input. */
  public static byte[] decode(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex text has odd length " + hex.length());
    }
    return FORMAT.parseHex(hex);
  }
}
