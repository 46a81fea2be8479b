package swarmsync.crypt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import swarmsync.keys.ContentKeys;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.CanonicalRecordReader;
import swarmsync.record.ChunkRef;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;

/**
 * Turns a signed file record into its encrypted form and back. Deterministic: every member
 * computes byte-identical encrypted records, which is what lets the author's signature over
 * the encrypted form travel with the record.
 *
 * <pre>
 * name_id    = HMAC-SHA256(name_key, utf8(path))
 * chunks     = per chunk: (ChunkCipher id, ChunkCipher.encryptedLength(length))
 * meta_plain = len:u32 || signature:64 || CanonicalRecord(record) || zeros to a multiple of 256
 * nonce      = HMAC-SHA256(nonce_key, 0x02 || meta_plain)[0..12)
 * metadata   = nonce || AES-256-GCM(meta_key, nonce, aad = discovery_id || name_id, meta_plain)
 * </pre>
 */
public final class RecordCipher {
  private static final byte META_NONCE = 0x02;
  /** Metadata is padded to a multiple of this, hiding the exact path length. */
  static final int META_BUCKET = 256;
  private static final int SIGNATURE_BYTES = 64;

  private final byte[] discoveryId;
  private final byte[] nameKey;
  private final byte[] metaKey;
  private final byte[] nonceKey;
  private final ChunkCipher chunks;

  public RecordCipher(byte[] discoveryId, ContentKeys keys) {
    this.discoveryId = discoveryId.clone();
    this.nameKey = keys.nameKey();
    this.metaKey = keys.metaKey();
    this.nonceKey = keys.nonceKey();
    this.chunks = new ChunkCipher(keys);
  }

  public ChunkCipher chunks() {
    return chunks;
  }

  /** The name id of a path: the same for every version of it. */
  public byte[] nameId(String path) {
    return ContentKeys.hmac(nameKey, path.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The encrypted form of a signed record, with the record's sequence and its signature over
   * the encrypted form (empty if it has none).
   */
  public EncryptedRecord encrypt(FileRecord r) {
    if (r.signature().length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("only signed records are encrypted");
    }
    byte[] canonical = CanonicalRecord.bytes(discoveryId, r);
    int length = 4 + SIGNATURE_BYTES + canonical.length;
    byte[] plain = new byte[(length + META_BUCKET - 1) / META_BUCKET * META_BUCKET];
    ByteBuffer.wrap(plain).putInt(canonical.length).put(r.signature()).put(canonical);
    byte[] nonceInput = new byte[1 + plain.length];
    nonceInput[0] = META_NONCE;
    System.arraycopy(plain, 0, nonceInput, 1, plain.length);
    byte[] nonce = Arrays.copyOf(ContentKeys.hmac(nonceKey, nonceInput), Gcm.NONCE_BYTES);
    byte[] nameId = nameId(r.path());
    byte[] sealed = Gcm.seal(metaKey, nonce, aad(nameId), plain);
    byte[] metadata = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, metadata, 0, nonce.length);
    System.arraycopy(sealed, 0, metadata, nonce.length, sealed.length);
    List<EncryptedChunk> list = new ArrayList<>(r.chunks().size());
    for (ChunkRef c : r.chunks()) {
      list.add(new EncryptedChunk(chunks.encryptedId(c.hash()),
          ChunkCipher.encryptedLength(c.length())));
    }
    return new EncryptedRecord(nameId, r.version(), r.sequence(), list, metadata,
        r.encSignature());
  }

  /**
   * The plaintext record inside an encrypted one, carrying its sequence and both signatures.
   * Throws when the metadata was altered or the encrypted record is not exactly the encryption
   * of what it holds (another name, version or chunk list). The caller still verifies both
   * signatures and every chunk's hash.
   */
  public FileRecord decrypt(EncryptedRecord e) throws EncryptionException {
    byte[] metadata = e.metadata();
    if (metadata.length < Gcm.NONCE_BYTES + Gcm.TAG_BYTES) {
      throw new EncryptionException("encrypted metadata is too short");
    }
    byte[] nonce = Arrays.copyOf(metadata, Gcm.NONCE_BYTES);
    byte[] plain = Gcm.open(metaKey, nonce, aad(e.nameId()),
        Arrays.copyOfRange(metadata, Gcm.NONCE_BYTES, metadata.length));
    FileRecord r;
    try {
      ByteBuffer in = ByteBuffer.wrap(plain);
      int length = in.getInt();
      if (length < 0 || length > plain.length - 4 - SIGNATURE_BYTES) {
        throw new EncryptionException("encrypted metadata has a bad length");
      }
      byte[] signature = new byte[SIGNATURE_BYTES];
      in.get(signature);
      byte[] canonical = new byte[length];
      in.get(canonical);
      r = CanonicalRecordReader.read(discoveryId, canonical).withSequence(e.sequence())
          .withSignature(signature).withEncSignature(e.encSignature());
    } catch (IllegalArgumentException | java.nio.BufferUnderflowException bad) {
      throw new EncryptionException("encrypted metadata does not hold a record: "
          + bad.getMessage(), bad);
    }
    if (!Arrays.equals(CanonicalEncryptedRecord.bytes(discoveryId, encrypt(r)),
        CanonicalEncryptedRecord.bytes(discoveryId, e))) {
      throw new EncryptionException("encrypted record does not match the record it holds");
    }
    return r;
  }

  private byte[] aad(byte[] nameId) {
    byte[] aad = new byte[discoveryId.length + nameId.length];
    System.arraycopy(discoveryId, 0, aad, 0, discoveryId.length);
    System.arraycopy(nameId, 0, aad, discoveryId.length, nameId.length);
    return aad;
  }
}
