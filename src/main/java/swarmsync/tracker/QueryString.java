package swarmsync.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URL query of an HTTP announce, whose values are raw bytes (info_hash, peer_id) that are
 * not text: {@code key=%xx%xx...&key=value}.
 *
 * <p>Encoding escapes every byte except RFC 3986 unreserved characters. Decoding turns
 * {@code %xx} into that byte and {@code +} into a space, and refuses malformed escapes.
 */
final class QueryString {
  /** 64 parameters: an announce has about ten; more is not a BitTorrent client. */
  static final int MAX_PARAMETERS = 64;
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QueryString() {}

  /** Percent-encodes raw bytes. */
  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  static String encode(String text) {
    return encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a raw query (the part after '?', as sent) into its parameters; the first of a
   * repeated key wins. Keys are decoded as ISO-8859-1 text.
   */
  static Map<String, byte[]> decode(String query) throws TrackerException {
    Map<String, byte[]> parameters = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    String[] pairs = query.split("&", MAX_PARAMETERS + 1);
    if (pairs.length > MAX_PARAMETERS) {
      throw new TrackerException("query has more than " + MAX_PARAMETERS + " parameters");
    }
    for (String pair : pairs) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      String name = new String(unescape(key), StandardCharsets.ISO_8859_1);
      parameters.putIfAbsent(name, unescape(value));
    }
    return parameters;
  }

  private static byte[] unescape(String text) throws TrackerException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 3 > text.length()) {
          throw new TrackerException("truncated %-escape at character " + i + " of '" + text
              + "'");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new TrackerException("bad %-escape '" + text.substring(i, i + 3)
              + "' at character " + i);
        }
        out.write(high << 4 | low);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else if (c > 0xff) {
        throw new TrackerException("character beyond one byte in query at " + i);
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}
