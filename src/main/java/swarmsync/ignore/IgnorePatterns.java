package swarmsync.ignore;

import java.util.ArrayList;
import java.util.List;

/**
 * The compiled {@code .sync/IgnoreList} of a folder plus the built-in defaults: decides whether
 * a folder-relative path stays out of sync. One glob per line, as in {@code .gitignore}: the last
 * matching line wins, {@code !} re-includes, a leading '/' anchors to the folder root, a trailing
 * '/' matches directories only, a glob without '/' matches a name at any depth. A path inside an
 * ignored directory is ignored whatever later lines say, since the directory is never entered.
 */
public final class IgnorePatterns {
  /** Lines an ignore list may have: far above any hand-written list, bounds parse time. */
  public static final int MAX_LINES = 10_000;
  /** Characters per pattern: keeps each compiled expression (and its matching) small. */
  public static final int MAX_PATTERN_CHARS = 1_000;
  /**
   * Always-on patterns, evaluated before the file's lines (so a {@code !} line can re-include):
   * macOS and Windows folder metadata, and office programs' lock and temp files.
   */
  public static final List<String> DEFAULTS = List.of(".DS_Store", "Thumbs.db", "desktop.ini",
      "~$*", "*.tmp", ".~lock.*#");

  private static final IgnorePatterns DEFAULTS_ONLY = parse("");

  private final List<IgnoreRule> rules;

  private IgnorePatterns(List<IgnoreRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The defaults alone: what a folder without an ignore list uses. */
  public static IgnorePatterns defaultsOnly() {
    return DEFAULTS_ONLY;
  }

  /**
   * Compiles an ignore list's text; throws IllegalArgumentException naming the line number of
   * a bad pattern (an unclosed '[', an over-long line) or a list with too many lines.
   */
  public static IgnorePatterns parse(String text) {
    List<IgnoreRule> rules = new ArrayList<>();
    for (String d : DEFAULTS) {
      rules.add(IgnoreRule.parse(d));
    }
    String[] lines = text.split("\n");
    if (lines.length > MAX_LINES) {
      throw new IllegalArgumentException("line " + (MAX_LINES + 1) + ": more than " + MAX_LINES
          + " lines");
    }
    for (int i = 0; i < lines.length; i++) {
      String line = stripTrailingSpace(lines[i]);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() > MAX_PATTERN_CHARS) {
        throw new IllegalArgumentException("line " + (i + 1) + ": pattern longer than "
            + MAX_PATTERN_CHARS + " characters");
      }
      try {
        rules.add(IgnoreRule.parse(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": bad pattern '" + line + "': "
            + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }
    return new IgnorePatterns(rules);
  }

  /** True when the path, or a directory it is in, is ignored. */
  public boolean ignored(String path, boolean isDirectory) {
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (matchesItself(path.substring(0, slash), true)) {
        return true;
      }
    }
    return matchesItself(path, isDirectory);
  }

  /** The verdict of the last line matching the path itself, ignoring its parents. */
  private boolean matchesItself(String path, boolean isDirectory) {
    for (int i = rules.size() - 1; i >= 0; i--) {
      IgnoreRule rule = rules.get(i);
      if (rule.matches(path, isDirectory)) {
        return !rule.negated();
      }
    }
    return false;
  }

  /** Drops trailing spaces, tabs and a '\r' (CRLF files), keeping a backslash-escaped space. */
  private static String stripTrailingSpace(String line) {
    int end = line.length();
    while (end > 0 && " \t\r".indexOf(line.charAt(end - 1)) >= 0
        && !(end >= 2 && line.charAt(end - 2) == '\\' && line.charAt(end - 1) == ' ')) {
      end--;
    }
    return line.substring(0, end);
  }
}
