package swarmsync.sync;

/**
 * Names of the hidden temporary files a pull assembles into, next to their target so the
 * final rename is atomic. The scanner and watcher skip every name with this prefix.
 */
final class TempNames {
  static final String PREFIX = swarmsync.fs.FolderNames.TEMP_PREFIX;
  static final String SUFFIX = ".tmp";

  private TempNames() {}

  static String tempFor(String path) {
    int slash = path.lastIndexOf('/');
    return path.substring(0, slash + 1) + PREFIX + path.substring(slash + 1) + SUFFIX;
  }

  static boolean isTemp(String name) {
    int slash = name.lastIndexOf('/');
    return name.startsWith(PREFIX, slash + 1);
  }
}
