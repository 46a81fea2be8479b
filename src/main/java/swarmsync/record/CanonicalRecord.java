package swarmsync.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a folder signature covers: a file record in a fixed layout, bound to its folder.
 * Everything but the per-device sequence number and the signature itself is covered, so a
 * record keeps its author's signature as it passes from device to device.
 *
 * <pre>
 * "swarmsync/v1/record" 0x00 discovery_id:20
 * path_len:u32 path:utf8  type:u8  deleted:u8  size:u64  mtime_ns:i64  permissions:u32
 * modified_by:u64  n_version:u32 n x (device:u64 counter:u64)
 * target_len:u32 symlink_target:utf8  n_chunks:u32 n x (length:u32 hash:32)
 * </pre>
 */
public final class CanonicalRecord {
  private static final byte[] LABEL = "swarmsync/v1/record\0".getBytes(StandardCharsets.UTF_8);

  private CanonicalRecord() {}

  public static byte[] bytes(byte[] discoveryId, FileRecord r) {
    byte[] path = r.path().getBytes(StandardCharsets.UTF_8);
    byte[] target = r.symlinkTarget().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        96 + path.length + target.length + r.chunks().size() * 36 + r.version().size() * 16);
    out.writeBytes(LABEL);
    out.writeBytes(discoveryId);
    ByteBuffer head = ByteBuffer.allocate(4 + path.length + 2 + 8 + 8 + 4 + 8 + 4);
    head.putInt(path.length).put(path).put((byte) r.type().ordinal())
        .put((byte) (r.deleted() ? 1 : 0)).putLong(r.size()).putLong(r.mtimeNanos())
        .putInt(r.permissions()).putLong(r.modifiedBy()).putInt(r.version().size());
    out.writeBytes(head.array());
    ByteBuffer version = ByteBuffer.allocate(r.version().size() * 16);
    for (int i = 0; i < r.version().size(); i++) {
      version.putLong(r.version().device(i)).putLong(r.version().counter(i));
    }
    out.writeBytes(version.array());
    ByteBuffer tail = ByteBuffer.allocate(4 + target.length + 4 + r.chunks().size() * 36);
    tail.putInt(target.length).put(target).putInt(r.chunks().size());
    for (ChunkRef c : r.chunks()) {
      tail.putInt(c.length()).put(c.hash().bytes());
    }
    out.writeBytes(tail.array());
    return out.toByteArray();
  }
}
