package swarmsync.record;

import java.util.Objects;

/**
 * One chunk of a file as an encrypted host sees it: an opaque id (a keyed hash of the
 * plaintext chunk's hash) and the length of its ciphertext (padded plaintext plus the tag).
 */
public record EncryptedChunk(ChunkHash id, int size) {
  public EncryptedChunk {
    Objects.requireNonNull(id, "id");
    if (size <= 0) {
      throw new IllegalArgumentException("encrypted chunk size must be positive, got " + size);
    }
  }
}
