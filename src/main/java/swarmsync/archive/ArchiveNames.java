package swarmsync.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of archived versions: {@code .sync/Archive/<dir>/<base>~<yyyyMMdd-HHmmss>[-n]<.ext>}
 * for the original {@code <dir>/<base><.ext>}, the time in UTC and {@code n} telling apart
 * versions archived within one second.
 */
final class ArchiveNames {
  static final String ARCHIVE_DIR = ".sync/Archive";
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** base, stamp, optional counter, optional extension (one dot, as the archiver splits it). */
  private static final Pattern NAME =
      Pattern.compile("(.+)~(\\d{8}-\\d{6})(?:-\\d+)?(\\.[^.]*)?", Pattern.DOTALL);

  private ArchiveNames() {}

  /** The archived name of {@code path} at {@code at}, with counter {@code n} (0: none). */
  static String archivedName(String path, Instant at, int n) {
    int slash = path.lastIndexOf('/');
    String dir = ARCHIVE_DIR + (slash >= 0 ? "/" + path.substring(0, slash) : "");
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    return dir + "/" + base + "~" + STAMP.format(at) + (n == 0 ? "" : "-" + n) + ext;
  }

  /** The directory an archived version of {@code path} goes to. */
  static String archiveDirOf(String path) {
    int slash = path.lastIndexOf('/');
    return ARCHIVE_DIR + (slash >= 0 ? "/" + path.substring(0, slash) : "");
  }

  /** The original path and archive time of an archived path, or empty if it is not one. */
  static Optional<Parsed> parse(String archivedPath) {
    String prefix = ARCHIVE_DIR + "/";
    if (!archivedPath.startsWith(prefix)) {
      return Optional.empty();
    }
    String relative = archivedPath.substring(prefix.length());
    int slash = relative.lastIndexOf('/');
    Matcher m = NAME.matcher(relative.substring(slash + 1));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      Instant at = STAMP.parse(m.group(2), Instant::from);
      String ext = m.group(3) == null ? "" : m.group(3);
      return Optional.of(new Parsed(relative.substring(0, slash + 1) + m.group(1) + ext, at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** An archived name taken apart. */
  record Parsed(String originalPath, Instant archivedAt) {}
}
