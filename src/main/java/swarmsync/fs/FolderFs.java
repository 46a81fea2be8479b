package swarmsync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * The filesystem of one shared folder, addressed by folder-relative paths with '/' separators.
 * Never follows a symlink out of the folder. Implementations: {@link NioFolderFs} (the disk),
 * an in-memory one and a fault-injecting wrapper for tests.
 */
public interface FolderFs {

  /** Receives each entry of a walk; returns false for a directory to skip its contents. */
  @FunctionalInterface
  interface WalkVisitor {
    boolean visit(String path, FileMeta meta) throws IOException;
  }

  /** Metadata of a path without following symlinks, or empty if nothing is there. */
  Optional<FileMeta> stat(String path) throws IOException;

  /** Walks the tree below {@code start} ("" for the root), depth first, never into symlinks. */
  void walk(String start, WalkVisitor visitor) throws IOException;

  /** Opens a file for reading. */
  FileChannel openRead(String path) throws IOException;

  /** Creates or truncates-and-opens a file for reading and writing. */
  FileChannel openWrite(String path, boolean truncate) throws IOException;

  void createDirectories(String path) throws IOException;

  /** Deletes a file, a symlink or an empty directory; nothing if absent. */
  void delete(String path) throws IOException;

  /** Atomically renames, replacing any file at {@code to}. */
  void rename(String from, String to) throws IOException;

  void setMtime(String path, long mtimeNanos) throws IOException;

  void setPermissions(String path, int permissions) throws IOException;

  void createSymlink(String path, String target) throws IOException;

  /** Bytes free for new files on the folder's filesystem. */
  long usableSpace() throws IOException;

  /** Flushes a directory's entries (after a rename) to stable storage where possible. */
  void syncDirectory(String path) throws IOException;
}
