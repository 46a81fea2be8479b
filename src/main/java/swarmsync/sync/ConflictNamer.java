package swarmsync.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names the copy that keeps the losing side of a conflict:
 * {@code name.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.ext}, in the same directory.
 */
final class ConflictNamer {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ConflictNamer() {}

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
