package swarmsync.ignore;

import java.util.regex.Pattern;

/**
 * Translates one ignore glob (already stripped of {@code !}, the anchoring {@code /} and the
 * directory-only {@code /}) to a regular expression over a whole folder-relative path:
 * {@code *} and {@code ?} never cross a '/', {@code **} does, {@code [...]} is a character
 * class ({@code [!...]} or {@code [^...]} negated), a backslash makes the next character literal.
 */
final class GlobCompiler {
  private GlobCompiler() {}

  /** The compiled glob; {@code anchored} false lets it match at any depth. */
  static Pattern compile(String glob, boolean anchored) {
    StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        i = doubleStar(glob, i, re);
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        i = characterClass(glob, i, re);
      } else if (c == '\\' && i + 1 < glob.length()) {
        literal(glob.charAt(i + 1), re);
        i += 2;
      } else {
        literal(c, re);
        i++;
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /**
   * {@code **}/ at a segment start matches zero or more whole directories, /{@code **} at the
   * end everything inside, and any other {@code **} any characters including '/'.
   */
  private static int doubleStar(String glob, int i, StringBuilder re) {
    int end = i + 2;
    while (end < glob.length() && glob.charAt(end) == '*') {
      end++;
    }
    boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
    if (segmentStart && end < glob.length() && glob.charAt(end) == '/') {
      re.append("(?:.*/)?");
      return end + 1;
    }
    re.append(".*");
    return end;
  }

  private static int characterClass(String glob, int open, StringBuilder re) {
    int i = open + 1;
    StringBuilder cls = new StringBuilder("[");
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      cls.append('^');
      i++;
    }
    boolean first = true;
    char last = 0;
    while (i < glob.length() && (glob.charAt(i) != ']' || first)) {
      char c = glob.charAt(i);
      boolean escaped = c == '\\' && i + 1 < glob.length();
      if (escaped) {
        c = glob.charAt(++i);
      }
      if (c == '/') {
        throw new IllegalArgumentException("'/' inside a character class at column "
            + (i + 1));
      }
      if (c == '-' && !escaped && !first && i + 1 < glob.length()
          && glob.charAt(i + 1) != ']') {
        checkRange(glob, i, last);
        cls.append('-');
      } else {
        cls.append(escapeInClass(c));
        last = c;
      }
      first = false;
      i++;
    }
    if (i >= glob.length()) {
      throw new IllegalArgumentException("unclosed '[' at column " + (open + 1));
    }
    re.append("(?!/)").append(cls.append(']'));
    return i + 1;
  }

  /**
   * Refuses a range whose end comes before its start ({@code [z-a]}) here, so that the regular
   * expression built from a glob always compiles.
   */
  private static void checkRange(String glob, int dash, char start) {
    int at = dash + 1;
    char end = glob.charAt(at);
    if (end == '\\' && at + 1 < glob.length()) {
      end = glob.charAt(++at);
    }
    if (end < start || Character.isSurrogate(start) || Character.isSurrogate(end)) {
      throw new IllegalArgumentException("illegal character range " + start + "-" + end
          + " at column " + (dash + 1));
    }
  }

  private static String escapeInClass(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }

  private static void literal(char c, StringBuilder re) {
    if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c >= 0x80) {
      re.append(c);
    } else {
      re.append('\\').append(c);
    }
  }
}
