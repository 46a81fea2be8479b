package swarmsync.api;

/**
 * One local change of a read-only folder, as {@code folder local-changes --json} shows it.
 *
 * @param path   relative path in the folder
 * @param change {@code added}, {@code modified} or {@code deleted}
 * @param type   {@code file}, {@code directory} or {@code symlink}
 * @param size   bytes of the local file (of the global version for a deletion)
 */
public record LocalChangeView(String path, String change, String type, long size) {}
