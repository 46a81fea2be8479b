package swarmsync.sync;

import swarmsync.record.FileType;

/**
 * One local change in a receive-only folder: a path this device changed, added or deleted,
 * which stays here and never reaches another device until it is reverted.
 *
 * @param path relative path in the folder
 * @param kind how the local state differs from the global version
 * @param type what the path is here (for a deletion: what the global version is)
 * @param size bytes of the local file (for a deletion: of the global version)
 */
public record LocalChange(String path, Kind kind, FileType type, long size) {
  /** How a path differs from the folder's global version. */
  public enum Kind {
    /** No global version (or a deleted one): the path exists only here. */
    ADDED,
    /** The path exists globally and was changed here. */
    MODIFIED,
    /** The path exists globally and was deleted here. */
    DELETED;

    /** The lower-case name used in JSON and tables. */
    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
