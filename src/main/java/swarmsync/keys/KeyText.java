package swarmsync.keys;

import java.util.Arrays;
import java.util.Base64;

/**
 * The text form of every key: {@code <prefix:1 letter><base64url, no padding, of payload ||
 * checksum>}, where checksum = SHA-256(prefix as one ASCII byte || payload)[0..3).
 *
 * <p>The prefix is inside the checksum so that changing only the letter (a B key retyped as E)
 * is refused too. Decoding is strict: only the 64 base64url characters, exactly the length of
 * the kind, and the canonical encoding (the unused low bits of the last character must be zero),
 * so that every single-character change of a valid key is refused.
 */
final class KeyText {
  /** Checksum length in bytes: a random typo passes with probability 2^-24. */
  static final int CHECKSUM_BYTES = 3;

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** A decoded key: its kind and its payload (checksum removed). */
  record Decoded(KeyKind kind, byte[] payload) {}

  private KeyText() {}

  static String encode(KeyKind kind, byte[] payload) {
    if (payload.length != kind.payloadBytes()) {
      throw new IllegalArgumentException("a " + kind.displayName() + " key payload is "
          + kind.payloadBytes() + " bytes, got " + payload.length);
    }
    byte[] body = Hashes.concat(payload, checksum(kind, payload));
    return kind.prefix() + ENCODER.encodeToString(body);
  }

  /** Number of characters, prefix included, of a key of {@code kind}. */
  static int textLength(KeyKind kind) {
    int bodyBytes = kind.payloadBytes() + CHECKSUM_BYTES;
    return 1 + (bodyBytes * 4 + 2) / 3;
  }

  /** Decodes trimmed key text; throws KeyFormatException saying what is wrong, not the key. */
  static Decoded decode(String text) {
    if (text.isEmpty()) {
      throw new KeyFormatException("key is empty");
    }
    char prefix = text.charAt(0);
    KeyKind kind = KeyKind.ofPrefix(prefix);
    if (kind == null) {
      throw new KeyFormatException("unknown key prefix " + quote(prefix)
          + ": expected A, B, E or C");
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isBase64Url(c)) {
        throw new KeyFormatException("key has " + quote(c) + " at character " + (i + 1)
            + ", which is not base64url (A-Z a-z 0-9 - _)");
      }
    }
    int expected = textLength(kind);
    if (text.length() != expected) {
      throw new KeyFormatException("key has " + text.length() + " characters, a "
          + kind.displayName() + " key has " + expected);
    }
    String body = text.substring(1);
    byte[] bytes = DECODER.decode(body);
    byte[] payload = Arrays.copyOf(bytes, kind.payloadBytes());
    byte[] given = Arrays.copyOfRange(bytes, kind.payloadBytes(), bytes.length);
    boolean canonical = ENCODER.encodeToString(bytes).equals(body);
    if (!canonical || !Arrays.equals(given, checksum(kind, payload))) {
      throw new KeyFormatException(
          "key checksum does not match: the key is mistyped or incomplete");
    }
    return new Decoded(kind, payload);
  }

  private static byte[] checksum(KeyKind kind, byte[] payload) {
    byte[] prefix = {(byte) kind.prefix()};
    return Hashes.prefix(Hashes.sha256(prefix, payload), CHECKSUM_BYTES);
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_';
  }

  /** A character for a message: printable ASCII as 'x', anything else as U+XXXX. */
  private static String quote(char c) {
    if (c > 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    return String.format("U+%04X", (int) c);
  }
}
