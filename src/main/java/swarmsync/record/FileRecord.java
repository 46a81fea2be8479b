package swarmsync.record;

import java.util.List;
import java.util.Objects;

/**
 * What one device knows of one path in a folder: the unit of the index and of index exchange.
 *
 * @param path          folder-relative path with '/' separators, already validated
 * @param type          file, directory or symlink
 * @param size          bytes of content (0 for directories and deleted entries)
 * @param mtimeNanos    modification time, nanoseconds since the epoch
 * @param permissions   POSIX permission bits (0 where not applicable)
 * @param deleted       true when this record says the path was deleted
 * @param version       who changed it how often
 * @param sequence      the authoring device's local sequence number for this change
 * @param modifiedBy    short id of the device that made this version
 * @param chunks        content chunks in order (empty for non-files)
 * @param symlinkTarget link target for symlinks, empty otherwise
 * @param signature     Ed25519 signature by the folder key, empty when unsigned (local only)
 * @param encSignature  Ed25519 signature by the folder key over the record's encrypted form
 *                      (what encrypted hosts verify, see {@link EncryptedRecord}); empty when
 *                      the author made none
 */
public record FileRecord(
    String path,
    FileType type,
    long size,
    long mtimeNanos,
    int permissions,
    boolean deleted,
    VersionVector version,
    long sequence,
    long modifiedBy,
    List<ChunkRef> chunks,
    String symlinkTarget,
    byte[] signature,
    byte[] encSignature) {

  public FileRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(version, "version");
    chunks = List.copyOf(chunks);
    symlinkTarget = symlinkTarget == null ? "" : symlinkTarget;
    signature = signature == null ? new byte[0] : signature;
    encSignature = encSignature == null ? new byte[0] : encSignature;
  }

  /** A record without a signature over its encrypted form. */
  public FileRecord(String path, FileType type, long size, long mtimeNanos, int permissions,
      boolean deleted, VersionVector version, long sequence, long modifiedBy,
      List<ChunkRef> chunks, String symlinkTarget, byte[] signature) {
    this(path, type, size, mtimeNanos, permissions, deleted, version, sequence, modifiedBy,
        chunks, symlinkTarget, signature, new byte[0]);
  }

  public boolean isFile() {
    return type == FileType.FILE && !deleted;
  }

  public FileRecord withSequence(long newSequence) {
    return new FileRecord(path, type, size, mtimeNanos, permissions, deleted, version,
        newSequence, modifiedBy, chunks, symlinkTarget, signature, encSignature);
  }

  /** This record with a new signature; a signature over the old encrypted form is dropped. */
  public FileRecord withSignature(byte[] newSignature) {
    return new FileRecord(path, type, size, mtimeNanos, permissions, deleted, version, sequence,
        modifiedBy, chunks, symlinkTarget, newSignature, new byte[0]);
  }

  public FileRecord withEncSignature(byte[] newEncSignature) {
    return new FileRecord(path, type, size, mtimeNanos, permissions, deleted, version, sequence,
        modifiedBy, chunks, symlinkTarget, signature, newEncSignature);
  }

  /** True when both describe the same content and metadata, ignoring version bookkeeping. */
  /**
   * True when both are live files with the same size and chunk hashes: the same bytes, whatever
   * their modification times, permissions or versions.
   */
  public boolean sameBytes(FileRecord o) {
    return type == FileType.FILE && o.type == FileType.FILE && !deleted && !o.deleted
        && size == o.size && chunks.equals(o.chunks);
  }

  public boolean sameContent(FileRecord o) {
    return type == o.type && deleted == o.deleted && size == o.size
        && (type != FileType.FILE || mtimeNanos == o.mtimeNanos)
        && permissions == o.permissions && symlinkTarget.equals(o.symlinkTarget)
        && chunks.equals(o.chunks);
  }
}
