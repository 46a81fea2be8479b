package swarmsync.crypt;

/** Ciphertext that does not decrypt, or decrypts to something that does not match. */
public final class EncryptionException extends Exception {
  private static final long serialVersionUID = 1L;

  public EncryptionException(String message) {
    super(message);
  }

  public EncryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
