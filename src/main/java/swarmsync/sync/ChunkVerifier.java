package swarmsync.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import swarmsync.record.ChunkHash;

/** Checks bytes against a chunk hash (SHA-256), with one digest per thread. */
final class ChunkVerifier {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  });

  private ChunkVerifier() {}

  static boolean matches(byte[] data, int length, ChunkHash expected) {
    MessageDigest digest = SHA256.get();
    digest.update(data, 0, length);
    return MessageDigest.isEqual(digest.digest(), expected.bytes());
  }

  static boolean matches(byte[] data, ChunkHash expected) {
    return matches(data, data.length, expected);
  }
}
