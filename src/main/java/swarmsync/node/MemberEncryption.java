package swarmsync.node;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import swarmsync.crypt.EncryptionException;
import swarmsync.crypt.RecordCipher;
import swarmsync.keys.ContentKeys;
import swarmsync.keys.FolderKey;
import swarmsync.keys.SignatureVerifier;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;

/**
 * A member's (A or B key) side of talking to encrypted hosts for one folder: encrypts the
 * records it sends them, remembers which local chunk each encrypted id it announced stands
 * for (to serve it), and decrypts and checks what hosts send back. Holds the folder's public
 * key once known, for checking signatures over encrypted records.
 */
final class MemberEncryption {
  /** Where the plaintext of an announced encrypted chunk sits in the folder. */
  record Location(String path, ChunkRef chunk) {}

  private final byte[] discoveryId;
  private final RecordCipher cipher;
  private final Map<ChunkHash, Location> announced = new ConcurrentHashMap<>();
  private volatile byte[] publicKey;

  MemberEncryption(FolderKey key, byte[] publicKey) {
    this.discoveryId = key.discoveryId();
    this.cipher = new RecordCipher(discoveryId, ContentKeys.of(key));
    this.publicKey = publicKey;
  }

  RecordCipher cipher() {
    return cipher;
  }

  Optional<byte[]> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  void setPublicKey(byte[] key) {
    publicKey = key.clone();
  }

  /**
   * The signature the author made over a record's encrypted form, made at authoring time by
   * a writer: sign(CanonicalEncryptedRecord(encrypt(record))).
   */
  static FileRecord signEncrypted(RecordCipher cipher, byte[] discoveryId,
      swarmsync.keys.FolderSigner signer, FileRecord signed) {
    byte[] bytes = CanonicalEncryptedRecord.bytes(discoveryId, cipher.encrypt(signed));
    return signed.withEncSignature(signer.sign(bytes));
  }

  /**
   * The encrypted form of a local record to announce to a host, or empty when the record
   * carries no signature over its encrypted form (a host could not verify it). Remembers its
   * chunks so requests for them can be served.
   */
  Optional<EncryptedRecord> encryptForHost(FileRecord r) {
    if (r.signature().length != SignatureVerifier.SIGNATURE_BYTES
        || r.encSignature().length != SignatureVerifier.SIGNATURE_BYTES) {
      return Optional.empty();
    }
    EncryptedRecord e = cipher.encrypt(r);
    if (r.isFile()) {
      for (ChunkRef c : r.chunks()) {
        announced.put(cipher.chunks().encryptedId(c.hash()), new Location(r.path(), c));
      }
    }
    return Optional.of(e);
  }

  /** The local chunk an announced encrypted id stands for. */
  Optional<Location> location(ChunkHash encryptedId) {
    return Optional.ofNullable(announced.get(encryptedId));
  }

  /**
   * The record inside an encrypted record a host sent, after checking the signature over the
   * encrypted form and that it is exactly the encryption of its contents. The caller (the
   * engine) still checks the plaintext signature and the path.
   */
  FileRecord decrypt(EncryptedRecord e) throws EncryptionException {
    byte[] key = publicKey;
    if (key == null) {
      throw new EncryptionException("the folder's public key is not known yet");
    }
    if (!SignatureVerifier.verify(key, CanonicalEncryptedRecord.bytes(discoveryId, e),
        e.encSignature())) {
      throw new EncryptionException("bad folder signature over the encrypted record");
    }
    return cipher.decrypt(e);
  }

  /** The plaintext of an encrypted chunk, checked against its plaintext hash. */
  byte[] decryptChunk(byte[] ciphertext, ChunkHash hash) throws EncryptionException {
    byte[] plain = cipher.chunks().decrypt(ciphertext, hash);
    if (!MessageDigest.isEqual(sha256(plain), hash.bytes())) {
      throw new EncryptionException("decrypted chunk does not match its hash");
    }
    return plain;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
