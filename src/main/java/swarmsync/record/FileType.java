package swarmsync.record;

/** What a path in a folder is. */
public enum FileType {
  FILE,
  DIRECTORY,
  SYMLINK
}
