package swarmsync.record;

import java.util.Objects;

/** One content-defined chunk of a file: where it sits and the hash of its bytes. */
public record ChunkRef(long offset, int length, ChunkHash hash) {
  public ChunkRef {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("chunk at " + offset + " has negative offset or length "
          + length);
    }
    Objects.requireNonNull(hash, "hash");
  }

  public long end() {
    return offset + length;
  }
}
