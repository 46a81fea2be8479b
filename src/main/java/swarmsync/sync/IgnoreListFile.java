package swarmsync.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import swarmsync.fs.FileMeta;
import swarmsync.fs.FolderFs;
import swarmsync.ignore.IgnorePatterns;

/**
 * A folder's {@code .sync/IgnoreList} as last read: re-read before every scan, so an edit takes
 * effect on the next one. A missing file means the defaults alone; a bad one keeps the patterns
 * that were in force and reports what is wrong with it, line number included. A version of the
 * file changed only moments ago may be half-written (an editor that truncates, then writes): it
 * is waited on once, so a scan never runs with the patterns of an empty or cut-off list.
 */
final class IgnoreListFile {
  static final String PATH = ".sync/IgnoreList";
  /** Largest ignore list read: 10,000 lines of 100 characters; anything bigger is a mistake. */
  static final int MAX_BYTES = 1024 * 1024;

  private final FolderFs fs;
  private final Clock clock;
  private final Duration settle;
  private String waitedOn = "";
  private volatile IgnorePatterns current = IgnorePatterns.defaultsOnly();
  private String lastText = "";
  private String problem = "";

  IgnoreListFile(FolderFs fs, Clock clock, Duration settle) {
    this.fs = fs;
    this.clock = clock;
    this.settle = settle;
  }

  /**
   * True when the file on disk is a version not read or waited on before and was modified less
   * than the settle delay ago: the caller should scan after the delay instead of now. Each
   * version is waited on at most once, so a clock that stands still cannot stall scans.
   */
  synchronized boolean beingWritten() {
    Optional<FileMeta> meta;
    try {
      meta = fs.stat(PATH);
    } catch (IOException e) {
      return false;
    }
    if (meta.isEmpty() || meta.get().kind() != FileMeta.Kind.FILE) {
      return false;
    }
    FileMeta m = meta.get();
    String version = m.size() + "/" + m.mtimeNanos() + "/" + m.fileKey();
    if (version.equals(waitedOn)) {
      return false;
    }
    Instant now = clock.instant();
    long ageNanos = (now.getEpochSecond() * 1_000_000_000L + now.getNano()) - m.mtimeNanos();
    if (ageNanos < 0 || ageNanos >= settle.toNanos()) {
      return false;
    }
    waitedOn = version;
    return true;
  }

  /** The patterns in force. */
  IgnorePatterns current() {
    return current;
  }

  /** What is wrong with the file as last read, or empty. */
  synchronized String problem() {
    return problem;
  }

  /** Reads the file again; returns true when the patterns in force changed. */
  synchronized boolean reload() {
    String text;
    try {
      text = read();
    } catch (IOException e) {
      problem = "reading " + PATH + " failed, keeping the previous patterns: " + e.getMessage();
      return false;
    }
    if (text.equals(lastText) && problem.isEmpty()) {
      return false;
    }
    try {
      IgnorePatterns parsed = IgnorePatterns.parse(text);
      problem = "";
      boolean changed = !text.equals(lastText);
      current = parsed;
      lastText = text;
      return changed;
    } catch (IllegalArgumentException e) {
      problem = PATH + ": " + e.getMessage() + " (keeping the previous patterns)";
      return false;
    }
  }

  private String read() throws IOException {
    Optional<FileMeta> meta = fs.stat(PATH);
    if (meta.isEmpty()) {
      return "";
    }
    if (meta.get().kind() != FileMeta.Kind.FILE) {
      throw new IOException(PATH + " is not a regular file");
    }
    if (meta.get().size() > MAX_BYTES) {
      throw new IOException(PATH + " is larger than " + MAX_BYTES + " bytes");
    }
    try (FileChannel in = fs.openRead(PATH)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) meta.get().size());
      while (buffer.hasRemaining() && in.read(buffer) >= 0) {
        // keeps reading until full or at the end
      }
      buffer.flip();
      return StandardCharsets.UTF_8.decode(buffer).toString();
    }
  }
}
