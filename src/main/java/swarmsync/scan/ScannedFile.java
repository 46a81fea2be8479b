package swarmsync.scan;

import java.util.List;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileType;

/**
 * What a scan found at one path: its metadata as stat reported it right after hashing, and for
 * files the chunks of exactly the bytes that were there (empty for directories and symlinks).
 */
public record ScannedFile(String path, FileType type, long size, long mtimeNanos,
    int permissions, String fileKey, List<ChunkRef> chunks, String symlinkTarget) {
  public ScannedFile {
    chunks = List.copyOf(chunks);
  }
}
