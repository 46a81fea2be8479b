package swarmsync.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes the folder signature of an encrypted record covers, and their reading back (the
 * encrypted host keeps its records in this form). Everything but the sequence number and the
 * signature itself is covered. All integers big-endian.
 *
 * <pre>
 * "swarmsync/v1/encrecord" 0x00 discovery_id:20 name_id:32
 * n_version:u32 n x (device:u64 counter:u64)
 * n_chunks:u32 n x (id:32 size:u32)
 * metadata_len:u32 metadata
 * </pre>
 */
public final class CanonicalEncryptedRecord {
  private static final byte[] LABEL =
      "swarmsync/v1/encrecord\0".getBytes(StandardCharsets.UTF_8);
  private static final int DISCOVERY_ID_BYTES = 20;

  private CanonicalEncryptedRecord() {}

  public static byte[] bytes(byte[] discoveryId, EncryptedRecord r) {
    ByteBuffer out = ByteBuffer.allocate(LABEL.length + DISCOVERY_ID_BYTES
        + EncryptedRecord.NAME_ID_BYTES + 4 + r.version().size() * 16 + 4
        + r.chunks().size() * (ChunkHash.LENGTH + 4) + 4 + r.metadata().length);
    out.put(LABEL).put(discoveryId).put(r.nameId()).putInt(r.version().size());
    for (int i = 0; i < r.version().size(); i++) {
      out.putLong(r.version().device(i)).putLong(r.version().counter(i));
    }
    out.putInt(r.chunks().size());
    for (EncryptedChunk c : r.chunks()) {
      out.put(c.id().bytes()).putInt(c.size());
    }
    out.putInt(r.metadata().length).put(r.metadata());
    return out.array();
  }

  /**
   * The record (with this sequence and signature) whose canonical bytes are {@code bytes};
   * throws IllegalArgumentException when they are not canonical bytes of this folder.
   */
  public static EncryptedRecord parse(byte[] discoveryId, byte[] bytes, long sequence,
      byte[] encSignature) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte[] label = new byte[LABEL.length];
      in.get(label);
      byte[] folder = new byte[DISCOVERY_ID_BYTES];
      in.get(folder);
      if (!Arrays.equals(label, LABEL) || !Arrays.equals(folder, discoveryId)) {
        throw new IllegalArgumentException("not an encrypted record of this folder");
      }
      byte[] nameId = new byte[EncryptedRecord.NAME_ID_BYTES];
      in.get(nameId);
      int versions = count(in, 16, VersionVector.MAX_ENTRIES);
      long[] devices = new long[versions];
      long[] counters = new long[versions];
      for (int i = 0; i < versions; i++) {
        devices[i] = in.getLong();
        counters[i] = in.getLong();
      }
      int n = count(in, ChunkHash.LENGTH + 4, Integer.MAX_VALUE);
      List<EncryptedChunk> chunks = new ArrayList<>(n);
      byte[] id = new byte[ChunkHash.LENGTH];
      for (int i = 0; i < n; i++) {
        in.get(id);
        chunks.add(new EncryptedChunk(ChunkHash.of(id), in.getInt()));
      }
      byte[] metadata = new byte[count(in, 1, Integer.MAX_VALUE)];
      in.get(metadata);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after an encrypted record");
      }
      return new EncryptedRecord(nameId, VersionVector.of(devices, counters), sequence, chunks,
          metadata, encSignature);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("encrypted record is truncated", e);
    }
  }

  /** A u32 count whose entries of {@code entryBytes} must fit in what is left. */
  private static int count(ByteBuffer in, int entryBytes, int max) {
    long n = Integer.toUnsignedLong(in.getInt());
    if (n > max || n * entryBytes > in.remaining()) {
      throw new IllegalArgumentException("encrypted record count " + n + " is out of bounds");
    }
    return (int) n;
  }
}
