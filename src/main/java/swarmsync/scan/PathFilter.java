package swarmsync.scan;

/** Decides which folder-relative paths the scanner leaves alone (the folder's ignore list). */
@FunctionalInterface
public interface PathFilter {
  /** True when the path, a directory if {@code isDirectory}, is to be skipped with all below. */
  boolean ignored(String path, boolean isDirectory);
}
