package swarmsync.crypt;

import java.nio.ByteBuffer;
import java.util.Arrays;
import swarmsync.keys.ContentKeys;
import swarmsync.record.ChunkHash;

/**
 * Encrypts chunks deterministically, so that every member turns the same plaintext chunk into
 * the same ciphertext with the same id (dedup and swarming work across encrypted hosts).
 *
 * <pre>
 * id         = HMAC-SHA256(chunk_id_key, hash)              hash = SHA-256(plaintext)
 * nonce      = HMAC-SHA256(nonce_key, 0x01 || hash)[0..12)
 * padded     = len:u32 || plaintext || zeros, to paddedLength(len)
 * ciphertext = AES-256-GCM(chunk_key, nonce, aad = id, padded)   (tag appended)
 * </pre>
 */
public final class ChunkCipher {
  private static final byte CHUNK_NONCE = 0x01;
  /** Smallest padding bucket: 4 KiB. */
  static final int MIN_BUCKET = 4096;

  private final byte[] chunkKey;
  private final byte[] chunkIdKey;
  private final byte[] nonceKey;

  public ChunkCipher(ContentKeys keys) {
    this.chunkKey = keys.chunkKey();
    this.chunkIdKey = keys.chunkIdKey();
    this.nonceKey = keys.nonceKey();
  }

  /**
   * Bytes a chunk of {@code length} bytes is padded to: {@code length + 4} rounded up to a
   * bucket of max(4 KiB, highestOneBit(length + 4) / 16), so at most 1/16 is added and a size
   * is known only to within 1/16 of its magnitude.
   */
  public static int paddedLength(int length) {
    int framed = length + 4;
    int bucket = Math.max(MIN_BUCKET, Integer.highestOneBit(framed) >>> 4);
    return (framed + bucket - 1) / bucket * bucket;
  }

  /** Ciphertext bytes of a chunk of {@code length} plaintext bytes. */
  public static int encryptedLength(int length) {
    return paddedLength(length) + Gcm.TAG_BYTES;
  }

  /** The id an encrypted host knows the chunk with this plaintext hash by. */
  public ChunkHash encryptedId(ChunkHash hash) {
    return ChunkHash.of(ContentKeys.hmac(chunkIdKey, hash.bytes()));
  }

  /** The ciphertext of a chunk whose SHA-256 is {@code hash} (the caller checked it). */
  public byte[] encrypt(byte[] plaintext, ChunkHash hash) {
    byte[] padded = new byte[paddedLength(plaintext.length)];
    ByteBuffer.wrap(padded).putInt(plaintext.length).put(plaintext);
    return Gcm.seal(chunkKey, nonce(hash), encryptedId(hash).bytes(), padded);
  }

  /**
   * The plaintext of the chunk with this plaintext hash; throws when the ciphertext was altered,
   * belongs to another chunk, or its padding is not canonical. The caller still checks the
   * plaintext against {@code hash}.
   */
  public byte[] decrypt(byte[] ciphertext, ChunkHash hash) throws EncryptionException {
    byte[] padded = Gcm.open(chunkKey, nonce(hash), encryptedId(hash).bytes(), ciphertext);
    if (padded.length < 4) {
      throw new EncryptionException("encrypted chunk is too short");
    }
    int length = ByteBuffer.wrap(padded).getInt();
    if (length < 0 || length > padded.length - 4 || paddedLength(length) != padded.length) {
      throw new EncryptionException("encrypted chunk has a bad length " + length);
    }
    for (int i = 4 + length; i < padded.length; i++) {
      if (padded[i] != 0) {
        throw new EncryptionException("encrypted chunk padding is not zero");
      }
    }
    return Arrays.copyOfRange(padded, 4, 4 + length);
  }

  private byte[] nonce(ChunkHash hash) {
    byte[] input = new byte[1 + ChunkHash.LENGTH];
    input[0] = CHUNK_NONCE;
    System.arraycopy(hash.bytes(), 0, input, 1, ChunkHash.LENGTH);
    return Arrays.copyOf(ContentKeys.hmac(nonceKey, input), Gcm.NONCE_BYTES);
  }
}
