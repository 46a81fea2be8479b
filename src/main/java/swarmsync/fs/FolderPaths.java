package swarmsync.fs;

/** Syntax rules for folder-relative paths, shared by every {@link FolderFs}. */
final class FolderPaths {
  private FolderPaths() {}

  /** Throws unless {@code path} is "" (the root) or '/'-separated names without . or .. . */
  static void check(String path) throws UnsafePathException {
    if (path == null) {
      throw new UnsafePathException("null", "no path");
    }
    if (path.isEmpty()) {
      return;
    }
    if (path.startsWith("/")) {
      throw new UnsafePathException(path, "absolute");
    }
    if (path.indexOf('\0') >= 0) {
      throw new UnsafePathException(path, "contains NUL");
    }
    int start = 0;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end);
      if (segment.isEmpty()) {
        throw new UnsafePathException(path, "empty segment");
      }
      if (segment.equals("..") || segment.equals(".")) {
        throw new UnsafePathException(path, "'" + segment + "' segment");
      }
      start = end + 1;
    }
  }

  /** The parent of a checked path, "" for a top-level name. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a checked path. */
  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code parent + "/" + name}, or just the name below the root. */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
