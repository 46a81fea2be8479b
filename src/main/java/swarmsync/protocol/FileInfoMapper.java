package swarmsync.protocol;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import swarmsync.protocol.wire.Chunk;
import swarmsync.protocol.wire.Counter;
import swarmsync.protocol.wire.FileInfo;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

/** Converts file records and version vectors between {@code record} and protobuf's FileInfo. */
final class FileInfoMapper {
  private FileInfoMapper() {}

  static FileInfo toWire(FileRecord r) {
    FileInfo.Builder b = FileInfo.newBuilder()
        .setPath(r.path())
        .setType(toWire(r.type()))
        .setSize(r.size())
        .setMtimeNanos(r.mtimeNanos())
        .setPermissions(r.permissions())
        .setDeleted(r.deleted())
        .addAllVersion(toWire(r.version()))
        .setSequence(r.sequence())
        .setModifiedBy(r.modifiedBy())
        .setSymlinkTarget(r.symlinkTarget())
        .setSignature(ByteString.copyFrom(r.signature()))
        .setEncSignature(ByteString.copyFrom(r.encSignature()));
    for (ChunkRef c : r.chunks()) {
      b.addChunks(Chunk.newBuilder()
          .setOffset(c.offset())
          .setLength(c.length())
          .setHash(ByteString.copyFrom(c.hash().bytes())));
    }
    return b.build();
  }

  /** The record of a FileInfo that {@link MessageValidator#check(String, FileInfo)} passed. */
  static FileRecord fromWire(String at, FileInfo f) throws ProtocolException {
    List<ChunkRef> chunks = new ArrayList<>(f.getChunksCount());
    for (Chunk c : f.getChunksList()) {
      chunks.add(new ChunkRef(c.getOffset(), c.getLength(), ChunkHash.of(c.getHash()
          .toByteArray())));
    }
    return new FileRecord(f.getPath(), fromWire(f.getType()), f.getSize(),
        f.getMtimeNanos(), f.getPermissions(), f.getDeleted(),
        fromWire(at + ".version", f.getVersionList()), f.getSequence(), f.getModifiedBy(),
        chunks, f.getSymlinkTarget(), f.getSignature().toByteArray(),
        f.getEncSignature().toByteArray());
  }

  private static FileInfo.Type toWire(FileType type) {
    return switch (type) {
      case FILE -> FileInfo.Type.FILE;
      case DIRECTORY -> FileInfo.Type.DIRECTORY;
      case SYMLINK -> FileInfo.Type.SYMLINK;
    };
  }

  private static FileType fromWire(FileInfo.Type type) throws ProtocolException {
    return switch (type) {
      case FILE -> FileType.FILE;
      case DIRECTORY -> FileType.DIRECTORY;
      case SYMLINK -> FileType.SYMLINK;
      case UNRECOGNIZED -> throw new ProtocolException("FileInfo.type is not a known type");
    };
  }

  static List<Counter> toWire(VersionVector v) {
    List<Counter> counters = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      counters.add(Counter.newBuilder().setId(v.device(i)).setValue(v.counter(i)).build());
    }
    return counters;
  }

  /** The vector of already bounded counters; refuses a device listed twice. */
  static VersionVector fromWire(String field, List<Counter> counters) throws ProtocolException {
    long[] devices = new long[counters.size()];
    long[] values = new long[counters.size()];
    for (int i = 0; i < devices.length; i++) {
      devices[i] = counters.get(i).getId();
      values[i] = counters.get(i).getValue();
    }
    try {
      return VersionVector.of(devices, values);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(field + ": " + e.getMessage(), e);
    }
  }
}
