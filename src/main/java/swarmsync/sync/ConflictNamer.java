package swarmsync.sync;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import swarmsync.fs.FolderFs;

/**
 * Names the copy that keeps the losing side of a conflict:
 * {@code name.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext}, in the same directory; when that name
 * is taken (two losing versions of one file from one device in one second),
 * {@code name.sync-conflict-YYYYMMDD-HHMMSS-DEVICE-2.ext}, then {@code -3} and so on, so a
 * conflict copy never replaces another.
 */
final class ConflictNamer {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** Most numbered names tried before giving up on one conflict. */
  static final int MAX_TRIES = 1000;

  private ConflictNamer() {}

  /**
   * The first conflict name of {@code path} that nothing on disk holds yet.
   *
   * @throws IOException when {@link #MAX_TRIES} names are all taken
   */
  static String free(FolderFs fs, String path, Instant when, String device) throws IOException {
    String name = name(path, when, device);
    for (int n = 2; fs.stat(name).isPresent(); n++) {
      if (n > MAX_TRIES) {
        throw new IOException("no free conflict name for " + path + ": " + MAX_TRIES
            + " copies from " + device + " at " + STAMP.format(when) + " exist");
      }
      name = name(path, when, device + "-" + n);
    }
    return name;
  }

  /**
   * The conflict name of {@code path} for a version made by {@code device} at {@code when}.
   * The extension is kept last so the copy opens with the same program.
   */
  static String name(String path, Instant when, String device) {
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String file = path.substring(slash + 1);
    int dot = file.lastIndexOf('.');
    String base = dot > 0 ? file.substring(0, dot) : file;
    String ext = dot > 0 ? file.substring(dot) : "";
    return dir + base + ".sync-conflict-" + STAMP.format(when) + "-" + device + ext;
  }

  static boolean isConflictCopy(String path) {
    return path.contains(".sync-conflict-");
  }
}
