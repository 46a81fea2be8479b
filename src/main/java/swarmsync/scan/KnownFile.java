package swarmsync.scan;

import swarmsync.record.FileType;

/**
 * What the index holds for one path of this device, as the scanner needs it to decide whether
 * the path changed. An empty {@code fileKey} means "not recorded" and matches any key.
 */
public record KnownFile(FileType type, long size, long mtimeNanos, int permissions,
    String fileKey, boolean deleted) {}
