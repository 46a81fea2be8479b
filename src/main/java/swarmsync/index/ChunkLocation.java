package swarmsync.index;

/** Where a chunk with a given hash prefix was last seen in a local file. */
public record ChunkLocation(String folderId, String path, long offset, int length) {}
