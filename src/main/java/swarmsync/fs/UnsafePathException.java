package swarmsync.fs;

import java.io.IOException;

/**
 * A folder-relative path that breaks the folder's rules: absolute, with {@code ..}, {@code .} or
 * empty segments, or reaching through a symlink. Nothing was done on it.
 */
public final class UnsafePathException extends IOException {
  public UnsafePathException(String path, String reason) {
    super("refusing path '" + path + "': " + reason);
  }
}
