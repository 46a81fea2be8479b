package swarmsync.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;

/**
 * What a folder's archive holds, and the way back out of it: lists archived versions and
 * restores one to its original path, archiving whatever is there now first, so a restore
 * destroys nothing either.
 */
public final class ArchiveCatalog {
  private final FolderFs fs;
  private final Archiver archiver;

  public ArchiveCatalog(FolderFs fs, Archiver archiver) {
    this.fs = fs;
    this.archiver = archiver;
  }

  /**
   * Every archived version, by original path, newest first. A file in the archive whose name
   * has no time suffix (put there by hand) is listed under its own path with its mtime.
   */
  public List<ArchivedVersion> list() throws IOException {
    List<ArchivedVersion> out = new ArrayList<>();
    if (fs.stat(ArchiveNames.ARCHIVE_DIR).filter(m -> m.kind() == FileMeta.Kind.DIRECTORY)
        .isEmpty()) {
      return out;
    }
    fs.walk(ArchiveNames.ARCHIVE_DIR, (path, meta) -> {
      if (meta.kind() == FileMeta.Kind.FILE) {
        out.add(describe(path, meta));
      }
      return true;
    });
    out.sort(Comparator.comparing(ArchivedVersion::originalPath)
        .thenComparing(ArchivedVersion::archivedAt, Comparator.reverseOrder())
        .thenComparing(ArchivedVersion::archivedPath));
    return out;
  }

  /**
   * Moves an archived version back to its original path and returns that path. A file or
   * symlink there now is archived first; a directory there makes the restore fail.
   */
  public String restore(String archivedPath) throws IOException {
    requireInsideArchive(archivedPath);
    Optional<FileMeta> meta = fs.stat(archivedPath);
    if (meta.isEmpty() || meta.get().kind() != FileMeta.Kind.FILE) {
      throw new IOException("restoring " + archivedPath + ": no archived file there");
    }
    String original = describe(archivedPath, meta.get()).originalPath();
    Optional<FileMeta> current = fs.stat(original);
    if (current.isPresent()) {
      if (current.get().kind() == FileMeta.Kind.DIRECTORY) {
        throw new IOException("restoring " + archivedPath + ": " + original
            + " is a directory now");
      }
      archiver.archive(original);
    }
    int slash = original.lastIndexOf('/');
    if (slash > 0) {
      fs.createDirectories(original.substring(0, slash));
    }
    fs.rename(archivedPath, original);
    return original;
  }

  private static ArchivedVersion describe(String path, FileMeta meta) {
    Optional<ArchiveNames.Parsed> parsed = ArchiveNames.parse(path);
    String original = parsed.map(ArchiveNames.Parsed::originalPath)
        .orElse(path.substring(ArchiveNames.ARCHIVE_DIR.length() + 1));
    Instant at = parsed.map(ArchiveNames.Parsed::archivedAt)
        .orElse(Instant.EPOCH.plusNanos(meta.mtimeNanos()));
    return new ArchivedVersion(path, original, at, meta.size());
  }

  private static void requireInsideArchive(String path) {
    if (!path.startsWith(ArchiveNames.ARCHIVE_DIR + "/")) {
      throw new IllegalArgumentException("not an archived path: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not an archived path: " + path);
      }
    }
  }
}
