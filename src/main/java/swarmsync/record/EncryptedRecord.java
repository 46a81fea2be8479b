package swarmsync.record;

import java.util.List;
import java.util.Objects;

/**
 * A file record in the form an encrypted host (an {@code E} key holder) stores, verifies and
 * serves: nothing in it names a path or reveals a byte of content. Every member computes the
 * same encrypted record from the same plaintext record, so the author's {@code encSignature}
 * travels with it from device to device (docs/protocol.md, "Encrypted folders").
 *
 * @param nameId       HMAC of the path under the folder's name key: one entry per path
 * @param version      the plaintext record's version vector, in clear (hosts compare versions)
 * @param sequence     the sending device's local sequence number (not signed)
 * @param chunks       the encrypted chunks, in file order
 * @param metadata     AES-GCM ciphertext of the plaintext record and its signature
 * @param encSignature Ed25519 signature by the folder key over the canonical encrypted record
 */
public record EncryptedRecord(byte[] nameId, VersionVector version, long sequence,
    List<EncryptedChunk> chunks, byte[] metadata, byte[] encSignature) {
  /** Bytes of a name id (HMAC-SHA256). */
  public static final int NAME_ID_BYTES = 32;

  public EncryptedRecord {
    Objects.requireNonNull(nameId, "nameId");
    if (nameId.length != NAME_ID_BYTES) {
      throw new IllegalArgumentException("name id must be " + NAME_ID_BYTES + " bytes, got "
          + nameId.length);
    }
    Objects.requireNonNull(version, "version");
    chunks = List.copyOf(chunks);
    Objects.requireNonNull(metadata, "metadata");
    encSignature = encSignature == null ? new byte[0] : encSignature;
  }

  public EncryptedRecord withSequence(long newSequence) {
    return new EncryptedRecord(nameId, version, newSequence, chunks, metadata, encSignature);
  }

  public EncryptedRecord withEncSignature(byte[] signature) {
    return new EncryptedRecord(nameId, version, sequence, chunks, metadata, signature);
  }

  /** Bytes of ciphertext this record's chunks take. */
  public long storedBytes() {
    long total = 0;
    for (EncryptedChunk c : chunks) {
      total += c.size();
    }
    return total;
  }
}
