package swarmsync.archive;

import java.time.Instant;

/**
 * One file version kept in the archive.
 *
 * @param archivedPath folder-relative path inside {@code .sync/Archive}
 * @param originalPath folder-relative path it had before it was archived
 * @param archivedAt   when it was archived (from its name's time suffix, to the second)
 * @param size         bytes
 */
public record ArchivedVersion(String archivedPath, String originalPath, Instant archivedAt,
    long size) {}
