package swarmsync.protocol;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import swarmsync.protocol.wire.EncryptedChunk;
import swarmsync.protocol.wire.EncryptedFileInfo;
import swarmsync.protocol.wire.EncryptedIndex;
import swarmsync.record.ChunkHash;
import swarmsync.record.EncryptedRecord;

/** Converts EncryptedIndex messages between {@code record} and protobuf. */
final class EncryptedIndexMapper {
  private EncryptedIndexMapper() {}

  static EncryptedIndex toWire(Message.EncryptedIndex m) {
    EncryptedIndex.Builder b = EncryptedIndex.newBuilder()
        .setDiscoveryId(ByteString.copyFrom(m.discoveryId())).setLast(m.last());
    for (EncryptedRecord r : m.files()) {
      EncryptedFileInfo.Builder f = EncryptedFileInfo.newBuilder()
          .setNameId(ByteString.copyFrom(r.nameId()))
          .addAllVersion(FileInfoMapper.toWire(r.version()))
          .setSequence(r.sequence())
          .setMetadata(ByteString.copyFrom(r.metadata()))
          .setEncSignature(ByteString.copyFrom(r.encSignature()));
      for (swarmsync.record.EncryptedChunk c : r.chunks()) {
        f.addChunks(EncryptedChunk.newBuilder().setId(ByteString.copyFrom(c.id().bytes()))
            .setSize(c.size()));
      }
      b.addFiles(f);
    }
    return b.build();
  }

  /** The message of a payload {@link MessageValidator#check(EncryptedIndex)} passed. */
  static Message.EncryptedIndex fromWire(EncryptedIndex m) throws ProtocolException {
    List<EncryptedRecord> files = new ArrayList<>(m.getFilesCount());
    for (int i = 0; i < m.getFilesCount(); i++) {
      EncryptedFileInfo f = m.getFiles(i);
      List<swarmsync.record.EncryptedChunk> chunks = new ArrayList<>(f.getChunksCount());
      for (EncryptedChunk c : f.getChunksList()) {
        chunks.add(new swarmsync.record.EncryptedChunk(ChunkHash.of(c.getId().toByteArray()),
            c.getSize()));
      }
      files.add(new EncryptedRecord(f.getNameId().toByteArray(),
          FileInfoMapper.fromWire("EncryptedIndex.files[" + i + "].version",
              f.getVersionList()), f.getSequence(), chunks, f.getMetadata().toByteArray(),
          f.getEncSignature().toByteArray()));
    }
    return new Message.EncryptedIndex(m.getDiscoveryId().toByteArray(), files, m.getLast());
  }
}
