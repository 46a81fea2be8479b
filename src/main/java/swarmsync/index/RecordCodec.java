package swarmsync.index;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.VersionVector;

/**
 * Packs chunk lists and version vectors into the BLOB columns of the index.
 *
 * <pre>
 * chunks:  n x (length:u32, hash:32 bytes)   offsets are the running sum of lengths
 * version: n x (device:u64, counter:u64)
 * </pre>
 */
final class RecordCodec {
  private static final int CHUNK_ENTRY = 4 + ChunkHash.LENGTH;

  private RecordCodec() {}

  static byte[] encodeChunks(List<ChunkRef> chunks) {
    ByteBuffer out = ByteBuffer.allocate(chunks.size() * CHUNK_ENTRY);
    for (ChunkRef c : chunks) {
      out.putInt(c.length()).put(c.hash().bytes());
    }
    return out.array();
  }

  static List<ChunkRef> decodeChunks(byte[] blob) {
    if (blob.length % CHUNK_ENTRY != 0) {
      throw new IllegalStateException("chunk list blob of " + blob.length
          + " bytes is not a multiple of " + CHUNK_ENTRY);
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    List<ChunkRef> chunks = new ArrayList<>(blob.length / CHUNK_ENTRY);
    long offset = 0;
    byte[] hash = new byte[ChunkHash.LENGTH];
    while (in.hasRemaining()) {
      int length = in.getInt();
      in.get(hash);
      chunks.add(new ChunkRef(offset, length, ChunkHash.of(hash)));
      offset += Integer.toUnsignedLong(length);
    }
    return chunks;
  }

  static byte[] encodeVersion(VersionVector v) {
    ByteBuffer out = ByteBuffer.allocate(v.size() * 16);
    for (int i = 0; i < v.size(); i++) {
      out.putLong(v.device(i)).putLong(v.counter(i));
    }
    return out.array();
  }

  static VersionVector decodeVersion(byte[] blob) {
    ByteBuffer in = ByteBuffer.wrap(blob);
    int n = blob.length / 16;
    long[] d = new long[n];
    long[] c = new long[n];
    for (int i = 0; i < n; i++) {
      d[i] = in.getLong();
      c[i] = in.getLong();
    }
    return VersionVector.of(d, c);
  }

  static long hashPrefix(ChunkHash hash) {
    return ByteBuffer.wrap(hash.bytes()).getLong();
  }
}
