package swarmsync.crypt;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 12-byte nonce and a 16-byte tag, through the JDK (AES-NI, CLMUL). */
final class Gcm {
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;

  private Gcm() {}

  static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext)
      throws EncryptionException {
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, nonce);
      c.updateAAD(aad);
      return c.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new EncryptionException("authentication tag does not match (altered ciphertext)", e);
    } catch (GeneralSecurityException e) {
      throw new EncryptionException("ciphertext does not decrypt: " + e.getMessage(), e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce)
      throws GeneralSecurityException {
    // A fresh Cipher per call: the JDK refuses to re-init one with the same key and nonce,
    // which deterministic encryption does on purpose.
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    return c;
  }
}
