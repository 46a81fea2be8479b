package swarmsync.ignore;

import java.util.regex.Pattern;

/**
 * One line of an ignore list, compiled.
 *
 * @param text          the line as written, for messages
 * @param negated       a {@code !} line: a match re-includes the path
 * @param directoryOnly a line ending in '/': matches directories only
 * @param regex         the glob as a regular expression over the whole relative path
 */
record IgnoreRule(String text, boolean negated, boolean directoryOnly, Pattern regex) {

  /** Parses one non-blank, non-comment line; throws IllegalArgumentException if it is bad. */
  static IgnoreRule parse(String line) {
    String glob = line;
    boolean negated = glob.startsWith("!");
    if (negated) {
      glob = glob.substring(1);
    }
    boolean directoryOnly = glob.endsWith("/") && !glob.endsWith("\\/");
    if (directoryOnly) {
      glob = glob.substring(0, glob.length() - 1);
    }
    boolean anchored = glob.startsWith("/") || glob.contains("/");
    if (glob.startsWith("/")) {
      glob = glob.substring(1);
    }
    if (glob.isEmpty() || glob.startsWith("/") || glob.endsWith("/")) {
      throw new IllegalArgumentException("empty path segment in '" + line + "'");
    }
    return new IgnoreRule(line, negated, directoryOnly, GlobCompiler.compile(glob, anchored));
  }

  /** True when this line's glob matches the path (directory-only lines match directories). */
  boolean matches(String path, boolean isDirectory) {
    return (isDirectory || !directoryOnly) && regex.matcher(path).matches();
  }
}
