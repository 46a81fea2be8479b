package swarmsync.api;

/**
 * A conflict copy in a shared folder (a file named {@code *.sync-conflict-*}): the losing side
 * of concurrent changes, kept beside the winner.
 *
 * @param path     the copy's path inside the folder
 * @param original the path it is a copy of
 * @param size     bytes
 * @param modified last modification, ISO-8601
 */
public record ConflictView(String path, String original, long size, String modified) {}
