package swarmsync.protocol;

import java.util.ArrayList;
import java.util.List;
import swarmsync.record.FileRecord;

/**
 * Cuts a folder's records into Index or IndexUpdate messages that a receiver accepts: each
 * holds at most {@link Limits#MAX_FILES_PER_MESSAGE} files and
 * {@link Limits#MAX_ENTRIES_PER_MESSAGE} repeated entries, and is cut once it reaches
 * {@link Limits#INDEX_BATCH_BYTES} (a single larger record travels alone).
 */
public final class IndexBatcher {
  /** Wire bytes of an Index around its files: discovery id, `last`, field headers. */
  private static final int ENVELOPE_BYTES = 64;

  /** Wire bytes before each file entry at most: a field tag and a 5-byte length varint. */
  private static final int ENTRY_HEADER_BYTES = 6;

  private IndexBatcher() {}

  /** The full index as Index messages; the last one has {@code last} set, even if empty. */
  public static List<Message.Index> index(byte[] discoveryId, List<FileRecord> files) {
    List<List<FileRecord>> batches = batches(files);
    List<Message.Index> messages = new ArrayList<>(batches.size());
    for (int i = 0; i < batches.size(); i++) {
      messages.add(new Message.Index(discoveryId, batches.get(i), i == batches.size() - 1));
    }
    return messages;
  }

  /** Changed records as IndexUpdate messages; none when nothing changed. */
  public static List<Message.IndexUpdate> updates(byte[] discoveryId, List<FileRecord> files) {
    List<Message.IndexUpdate> messages = new ArrayList<>();
    if (!files.isEmpty()) {
      for (List<FileRecord> batch : batches(files)) {
        messages.add(new Message.IndexUpdate(discoveryId, batch));
      }
    }
    return messages;
  }

  /** The records in order, cut into batches; always at least one (maybe empty) batch. */
  static List<List<FileRecord>> batches(List<FileRecord> files) {
    List<List<FileRecord>> batches = new ArrayList<>();
    List<FileRecord> current = new ArrayList<>();
    long bytes = ENVELOPE_BYTES;
    int entries = 0;
    for (FileRecord file : files) {
      int size = FileInfoMapper.toWire(file).getSerializedSize() + ENTRY_HEADER_BYTES;
      int fileEntries = 1 + file.chunks().size() + file.version().size();
      boolean full = current.size() == Limits.MAX_FILES_PER_MESSAGE
          || entries + fileEntries > Limits.MAX_ENTRIES_PER_MESSAGE
          || bytes + size > Limits.INDEX_BATCH_BYTES;
      if (full && !current.isEmpty()) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = ENVELOPE_BYTES;
        entries = 0;
      }
      current.add(file);
      bytes += size;
      entries += fileEntries;
    }
    batches.add(current);
    return batches;
  }
}
