package swarmsync.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import swarmsync.fs.FolderFs;

/**
 * Moves a file that a peer's change is about to replace or delete into
 * {@code .sync/Archive/}, under its own relative path with a time suffix, so no sync ever
 * destroys the only copy of anything.
 */
public final class Archiver {
  public static final String ARCHIVE_DIR = ArchiveNames.ARCHIVE_DIR;

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
    Instant now = clock.instant();
    fs.createDirectories(ArchiveNames.archiveDirOf(path));
    for (int i = 0; i < MAX_SAME_SECOND; i++) {
      String target = ArchiveNames.archivedName(path, now, i);
      if (fs.stat(target).isEmpty()) {
        fs.rename(path, target);
        return target;
      }
    }
    throw new IOException("archiving " + path + ": too many versions archived in one second");
  }
}
