package swarmsync.fs;

/**
 * What the filesystem says of one path, without following symlinks.
 *
 * @param kind          regular file, directory, symlink or other (sockets, devices: never synced)
 * @param size          bytes (0 for non-files)
 * @param mtimeNanos    modification time, nanoseconds since the epoch
 * @param permissions   POSIX permission bits, or 0644/0755 where the filesystem has none
 * @param fileKey       the inode identity (device and inode) as text, or empty if unknown
 * @param symlinkTarget the link target for symlinks, empty otherwise
 */
public record FileMeta(
    Kind kind, long size, long mtimeNanos, int permissions, String fileKey, String symlinkTarget) {

  /** The kinds of directory entry a folder can hold. */
  public enum Kind { FILE, DIRECTORY, SYMLINK, OTHER }
}
