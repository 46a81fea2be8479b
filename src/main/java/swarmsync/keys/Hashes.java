package swarmsync.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash functions the key tree and the join proofs are built on: SHA-256, HMAC-SHA256 and
 * HKDF-SHA256 (RFC 5869), from BouncyCastle's lightweight API.
 */
final class Hashes {
  /** Version prefix of every HKDF info string; a v2 scheme would change it. */
  static final String INFO_PREFIX = "swarmsync/v1/";
  /** SHA-256 and HMAC-SHA256 output length in bytes. */
  static final int HASH_BYTES = 32;

  private Hashes() {}

  /** SHA-256 of the concatenation of {@code parts}. */
  static byte[] sha256(byte[]... parts) {
    SHA256Digest digest = new SHA256Digest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[HASH_BYTES];
    digest.doFinal(out, 0);
    return out;
  }

  /** HMAC-SHA256 of {@code message} under {@code key}. */
  static byte[] hmacSha256(byte[] key, byte[] message) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    mac.update(message, 0, message.length);
    byte[] out = new byte[HASH_BYTES];
    mac.doFinal(out, 0);
    return out;
  }

  /**
   * HKDF-SHA256 with no salt (RFC 5869: a salt of 32 zero bytes) and info
   * {@code "swarmsync/v1/" + label} in UTF-8.
   */
  static byte[] derive(byte[] ikm, String label, int length) {
    return hkdf(ikm, null, (INFO_PREFIX + label).getBytes(StandardCharsets.UTF_8), length);
  }

  /** Plain HKDF-SHA256; a null salt means HashLen zero bytes, as RFC 5869 says. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] out = new byte[length];
    generator.generateBytes(out, 0, length);
    return out;
  }

  /** The first {@code length} bytes of {@code bytes}. */
  static byte[] prefix(byte[] bytes, int length) {
    return Arrays.copyOf(bytes, length);
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
