package swarmsync.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IgnorePatternsTest {

  /** Ignore list text, path, is-directory, expected verdict. */
  static Stream<Arguments> table() {
    return Stream.of(
        // a name without '/' matches at any depth
        row("*.log", "a.log", false, true),
        row("*.log", "deep/er/a.log", false, true),
        row("*.log", "a.log.txt", false, false),
        row("build", "build", true, true),
        row("build", "src/build", false, true),
        // '*' and '?' stay within one name
        row("a*c", "abbc", false, true),
        row("a*c", "ab/c", false, false),
        row("a?c", "abc", false, true),
        row("a?c", "ac", false, false),
        row("a?c", "a/c", false, false),
        // '**' crosses directories
        row("**/cache", "cache", true, true),
        row("**/cache", "x/y/cache", true, true),
        row("logs/**", "logs/a/b.txt", false, true),
        row("logs/**", "logs", true, false),
        row("a/**/b", "a/b", false, true),
        row("a/**/b", "a/x/y/b", false, true),
        row("a/**/b", "c/a/x/b", false, false),
        // character classes
        row("file[0-9].txt", "file7.txt", false, true),
        row("file[0-9].txt", "filex.txt", false, false),
        row("file[!0-9].txt", "filex.txt", false, true),
        row("file[!0-9].txt", "file7.txt", false, false),
        row("[ab]x", "bx", false, true),
        row("[]]x", "]x", false, true),
        row("v[a-c-]", "v-", false, true),
        // anchoring
        row("/top.txt", "top.txt", false, true),
        row("/top.txt", "sub/top.txt", false, false),
        row("doc/frotz", "doc/frotz", false, true),
        row("doc/frotz", "a/doc/frotz", false, false),
        // directory-only
        row("out/", "out", true, true),
        row("out/", "out", false, false),
        row("out/", "sub/out/x.class", false, true),
        // inside an ignored directory
        row("node_modules", "node_modules/lib/index.js", false, true),
        // last match wins, '!' re-includes
        row("*.txt\n!keep.txt", "keep.txt", false, false),
        row("*.txt\n!keep.txt", "drop.txt", false, true),
        row("!keep.txt\n*.txt", "keep.txt", false, true),
        row("dir/\n!dir/file", "dir/file", false, true),
        // comments, blanks, escapes, trailing space, CRLF
        row("# *.txt\n\n", "a.txt", false, false),
        row("\\#hash", "#hash", false, true),
        row("\\!bang", "!bang", false, true),
        row("*.bak   ", "x.bak", false, true),
        row("*.bak\r\n*.old\r\n", "x.old", false, true),
        row("a+b(c).txt", "a+b(c).txt", false, true),
        row("a+b(c).txt", "aab(c).txt", false, false),
        row("Case.txt", "case.txt", false, false),
        // defaults
        row("", ".DS_Store", false, true),
        row("", "sub/Thumbs.db", false, true),
        row("", "desktop.ini", false, true),
        row("", "docs/~$report.docx", false, true),
        row("", "x.tmp", false, true),
        row("", ".~lock.budget.ods#", false, true),
        row("", "report.docx", false, false),
        row("!*.tmp", "x.tmp", false, false));
  }

  private static Arguments row(String list, String path, boolean dir, boolean ignored) {
    return Arguments.of(list, path, dir, ignored);
  }

  @ParameterizedTest(name = "[{index}] list {0} on {1} (dir {2}) -> ignored {3}")
  @MethodSource("table")
  void eachPatternDecidesAsGitWould(String list, String path, boolean dir, boolean ignored) {
    assertThat(IgnorePatterns.parse(list).ignored(path, dir)).isEqualTo(ignored);
  }

  @Test
  void unclosedBracketIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> IgnorePatterns.parse("*.log\n# fine\nfile[0-9.txt\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 3: bad pattern 'file[0-9.txt'")
        .hasMessageContaining("unclosed '['");
  }

  @Test
  void reversedRangeIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> IgnorePatterns.parse("[z-a]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 1: bad pattern '[z-a]'");
  }

  @Test
  void anEscapedDashInAClassIsLiteralNotARange() {
    IgnorePatterns patterns = IgnorePatterns.parse("[\\-z].txt");
    assertThat(patterns.ignored("-.txt", false)).isTrue();
    assertThat(patterns.ignored("z.txt", false)).isTrue();
    assertThat(patterns.ignored("m.txt", false)).isFalse();
  }

  @Test
  void aRangeBetweenSurrogateHalvesIsRefusedNamingItsLine() {
    assertThatThrownBy(() -> IgnorePatterns.parse("ok\n[\uDE00-\uD83D]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2: bad pattern");
  }

  @Test
  void overLongPatternIsRefusedNamingItsLine() {
    String longLine = "a".repeat(IgnorePatterns.MAX_PATTERN_CHARS + 1);
    assertThatThrownBy(() -> IgnorePatterns.parse("x\n" + longLine))
        .hasMessageStartingWith("line 2: pattern longer than");
  }

  @Test
  void tooManyLinesAreRefused() {
    String text = "x\n".repeat(IgnorePatterns.MAX_LINES + 1);
    assertThatThrownBy(() -> IgnorePatterns.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than " + IgnorePatterns.MAX_LINES + " lines");
  }

  @Test
  void listOfExactlyTheMaximumLinesIsAccepted() {
    String text = "x\n".repeat(IgnorePatterns.MAX_LINES);
    assertThat(IgnorePatterns.parse(text).ignored("x", false)).isTrue();
  }

  @Test
  void defaultsApplyWithoutAnyList() {
    assertThat(IgnorePatterns.defaultsOnly().ignored("a/.DS_Store", false)).isTrue();
    assertThat(IgnorePatterns.defaultsOnly().ignored("a/b.txt", false)).isFalse();
  }
}
