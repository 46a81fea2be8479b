package swarmsync.net;

import java.util.Base64;

/**
 * PEM text (RFC 7468): base64 of DER between {@code -----BEGIN label-----} and
 * {@code -----END label-----} lines, 64 characters a line.
 */
final class Pem {
  static final String CERTIFICATE = "CERTIFICATE";
  static final String PRIVATE_KEY = "PRIVATE KEY";
  /** Line length RFC 7468 asks writers to use. */
  private static final int LINE_CHARS = 64;

  private Pem() {}

  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(LINE_CHARS, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The DER inside the first {@code label} block; IllegalArgumentException if there is none. */
  static byte[] decode(String label, String text) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int start = text.indexOf(begin);
    int stop = start < 0 ? -1 : text.indexOf(end, start);
    if (start < 0 || stop < 0) {
      throw new IllegalArgumentException("no " + begin + " ... " + end + " block");
    }
    String body = text.substring(start + begin.length(), stop).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
