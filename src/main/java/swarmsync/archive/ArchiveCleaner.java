package swarmsync.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import swarmsync.fs.FolderFs;

/**
 * Expires a folder's archive: deletes versions older than the maximum age, then, oldest
 * first, as many as it takes to bring the archive under its total size cap; removes the
 * directories that leaves empty.
 */
public final class ArchiveCleaner {
  /** How long archived versions are kept by default: a month to notice a loss. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  /** Default cap on the archive's total bytes: none, age alone expires versions. */
  public static final long NO_SIZE_CAP = Long.MAX_VALUE;

  private final FolderFs fs;
  private final ArchiveCatalog catalog;
  private final Clock clock;
  private final Duration maxAge;
  private final long maxTotalBytes;

  /** What one cleaning removed. */
  public record Result(int versionsDeleted, long bytesDeleted) {}

  public ArchiveCleaner(FolderFs fs, ArchiveCatalog catalog, Clock clock, Duration maxAge,
      long maxTotalBytes) {
    this.fs = Objects.requireNonNull(fs, "fs");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxAge.isNegative() || maxTotalBytes < 0) {
      throw new IllegalArgumentException("archive max age " + maxAge + " and size cap "
          + maxTotalBytes + " must not be negative");
    }
    this.maxAge = maxAge;
    this.maxTotalBytes = maxTotalBytes;
  }

  /** Deletes expired versions and returns what went. */
  public Result clean() throws IOException {
    List<ArchivedVersion> all = new ArrayList<>(catalog.list());
    all.sort(Comparator.comparing(ArchivedVersion::archivedAt));
    Instant oldestKept = clock.instant().minus(maxAge);
    long total = all.stream().mapToLong(ArchivedVersion::size).sum();
    List<ArchivedVersion> doomed = new ArrayList<>();
    for (ArchivedVersion v : all) {
      if (v.archivedAt().isBefore(oldestKept) || total > maxTotalBytes) {
        doomed.add(v);
        total -= v.size();
      }
    }
    long bytes = 0;
    for (ArchivedVersion v : doomed) {
      fs.delete(v.archivedPath());
      bytes += v.size();
    }
    all.removeAll(doomed);
    removeEmptyDirectories(doomed, all);
    return new Result(doomed.size(), bytes);
  }

  /** Deletes the directories of deleted versions that no kept version is below, deepest first. */
  private void removeEmptyDirectories(List<ArchivedVersion> deleted, List<ArchivedVersion> kept)
      throws IOException {
    Set<String> stillUsed = new HashSet<>();
    kept.forEach(v -> stillUsed.addAll(ancestors(v.archivedPath())));
    TreeSet<String> candidates = new TreeSet<>(Comparator.reverseOrder());
    deleted.forEach(v -> candidates.addAll(ancestors(v.archivedPath())));
    for (String dir : candidates) {
      if (stillUsed.contains(dir) || dir.equals(ArchiveNames.ARCHIVE_DIR)) {
        continue;
      }
      try {
        fs.delete(dir);
      } catch (IOException e) {
        // It still holds something the catalog does not list (a symlink): it stays.
        continue;
      }
    }
  }

  /** The directories above an archived path, up to and including the archive's own. */
  private static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    for (int slash = path.lastIndexOf('/'); slash > ArchiveNames.ARCHIVE_DIR.length() - 1;
        slash = path.lastIndexOf('/', slash - 1)) {
      out.add(path.substring(0, slash));
    }
    return out;
  }
}
