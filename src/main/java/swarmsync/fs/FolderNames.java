package swarmsync.fs;

/** Names inside a shared folder that belong to swarmsync itself and are never synced. */
public final class FolderNames {
  /** The folder's metadata directory (ignore list, archive), at the root only. */
  public static final String SYNC_DIR = ".sync";
  /** Name prefix of our temporary files: files being assembled next to their final name. */
  public static final String TEMP_PREFIX = ".~swarmsync.";

  private FolderNames() {}

  /** True for {@code .sync} at the root and for our temporary files anywhere. */
  public static boolean isInternal(String path) {
    return path.equals(SYNC_DIR) || isTemp(path);
  }

  /** True for our temporary files anywhere in the folder. */
  public static boolean isTemp(String path) {
    int slash = path.lastIndexOf('/');
    return path.startsWith(TEMP_PREFIX, slash + 1);
  }
}
