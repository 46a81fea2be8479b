package swarmsync.index;

/** Totals of one device's live records in a folder. */
public record FileCounts(long files, long directories, long symlinks, long bytes, long deleted) {}
