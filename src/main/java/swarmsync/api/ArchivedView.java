package swarmsync.api;

/** One archived version of a file, as {@code archive list --json} shows it. */
public record ArchivedView(String archivedPath, String originalPath, String archivedAt,
    long size) {}
