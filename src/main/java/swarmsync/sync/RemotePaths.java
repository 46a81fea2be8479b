package swarmsync.sync;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import swarmsync.fs.FolderNames;

/**
 * The rules a path from a peer must pass before it is stored or touched: relative, no
 * {@code ..} or empty segments, no control characters, no names reserved on Windows, no
 * segment over 255 bytes, and nothing of swarmsync's own ({@code .sync}, temp files).
 */
final class RemotePaths {
  /** Longest file name most filesystems accept, in bytes. */
  static final int MAX_NAME_BYTES = 255;

  private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
      "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private RemotePaths() {}

  /** Why {@code path} is refused, or null if it is acceptable. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "empty path";
    }
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      return "absolute path";
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "empty path segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "'" + segment + "' segment";
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        return "name longer than " + MAX_NAME_BYTES + " bytes";
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          return "control character in name";
        }
        if (c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>'
            || c == '|') {
          return "character '" + c + "' is invalid on Windows";
        }
      }
      String stem = segment.contains(".") ? segment.substring(0, segment.indexOf('.'))
          : segment;
      if (WINDOWS_RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
        return "name '" + segment + "' is reserved on Windows";
      }
      if (segment.endsWith(" ") || segment.endsWith(".")) {
        return "name ends with a space or dot (invalid on Windows)";
      }
    }
    if (path.equals(FolderNames.SYNC_DIR) || path.startsWith(FolderNames.SYNC_DIR + "/")
        || FolderNames.isInternal(path)) {
      return "swarmsync's own path";
    }
    return null;
  }
}
