package swarmsync.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import swarmsync.fs.FolderFs;

/**
 * Moves a file that a peer's change is about to replace or delete into
 * {@code .sync/Archive/}, under its own relative path with a time suffix, so no sync ever
 * destroys the only copy of anything.
 */
public final class Archiver {
  public static final String ARCHIVE_DIR = ".sync/Archive";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  /** Archived versions of one path within one second before we give up naming them. */
  private static final int MAX_SAME_SECOND = 1000;

  private final FolderFs fs;
  private final Clock clock;

  public Archiver(FolderFs fs, Clock clock) {
    this.fs = fs;
    this.clock = clock;
  }

  /** Moves {@code path} into the archive; returns where it went. */
  public String archive(String path) throws IOException {
    int slash = path.lastIndexOf('/');
    String dir = ARCHIVE_DIR + (slash >= 0 ? "/" + path.substring(0, slash) : "");
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    String stamp = STAMP.format(clock.instant());
    fs.createDirectories(dir);
    for (int i = 0; i < MAX_SAME_SECOND; i++) {
      String target = dir + "/" + base + "~" + stamp + (i == 0 ? "" : "-" + i) + ext;
      if (fs.stat(target).isEmpty()) {
        fs.rename(path, target);
        return target;
      }
    }
    throw new IOException("archiving " + path + ": too many versions archived in one second");
  }
}
