package swarmsync.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the bytes of {@link CanonicalRecord} back into a record: how a member recovers a
 * record from the metadata of an encrypted one. Every count is checked against the bytes left
 * before anything is allocated; the result re-encodes to exactly the input.
 */
public final class CanonicalRecordReader {
  private static final byte[] LABEL =
      "swarmsync/v1/record\0".getBytes(StandardCharsets.UTF_8);
  private static final int DISCOVERY_ID_BYTES = 20;

  private CanonicalRecordReader() {}

  /**
   * The record (sequence 0, no signatures) whose canonical bytes for this folder are
   * {@code bytes}; throws IllegalArgumentException naming what is wrong.
   */
  public static FileRecord read(byte[] discoveryId, byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte[] label = new byte[LABEL.length];
      in.get(label);
      byte[] folder = new byte[DISCOVERY_ID_BYTES];
      in.get(folder);
      if (!Arrays.equals(label, LABEL) || !Arrays.equals(folder, discoveryId)) {
        throw new IllegalArgumentException("not a record of this folder");
      }
      String path = utf8(in);
      int type = in.get();
      if (type < 0 || type >= FileType.values().length) {
        throw new IllegalArgumentException("unknown record type " + type);
      }
      int deleted = in.get();
      if (deleted != 0 && deleted != 1) {
        throw new IllegalArgumentException("deleted flag is " + deleted);
      }
      long size = in.getLong();
      long mtime = in.getLong();
      int permissions = in.getInt();
      long modifiedBy = in.getLong();
      int versions = count(in, 16);
      long[] devices = new long[versions];
      long[] counters = new long[versions];
      for (int i = 0; i < versions; i++) {
        devices[i] = in.getLong();
        counters[i] = in.getLong();
      }
      String target = utf8(in);
      int n = count(in, 4 + ChunkHash.LENGTH);
      List<ChunkRef> chunks = new ArrayList<>(n);
      long offset = 0;
      byte[] hash = new byte[ChunkHash.LENGTH];
      for (int i = 0; i < n; i++) {
        int length = in.getInt();
        in.get(hash);
        chunks.add(new ChunkRef(offset, length, ChunkHash.of(hash)));
        offset += length;
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes after a record");
      }
      return new FileRecord(path, FileType.values()[type], size, mtime, permissions,
          deleted == 1, VersionVector.of(devices, counters), 0, modifiedBy, chunks, target,
          new byte[0]);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("record is truncated", e);
    }
  }

  private static String utf8(ByteBuffer in) {
    byte[] bytes = new byte[count(in, 1)];
    in.get(bytes);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("record text is not UTF-8", e);
    }
  }

  private static int count(ByteBuffer in, int entryBytes) {
    long n = Integer.toUnsignedLong(in.getInt());
    if (n * entryBytes > in.remaining()) {
      throw new IllegalArgumentException("record count " + n + " exceeds its bytes");
    }
    return (int) n;
  }
}
