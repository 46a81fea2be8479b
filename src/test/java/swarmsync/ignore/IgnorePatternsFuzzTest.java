package swarmsync.ignore;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the ignore-pattern parser: any list text compiles or is refused with an
 * {@link IllegalArgumentException} naming the line; a compiled list answers for any path
 * without throwing. Input: {@code <path> NUL <directory flag byte> <list text>}, UTF-8 (seeds
 * in IgnorePatternsFuzzTestInputs).
 */
class IgnorePatternsFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void ignoreListParserKeepsItsContract(byte[] input) {
    String whole = new String(input, StandardCharsets.UTF_8);
    int nul = whole.indexOf('\0');
    String path = nul < 0 ? "" : whole.substring(0, nul);
    String rest = nul < 0 ? whole : whole.substring(nul + 1);
    boolean directory = !rest.isEmpty() && rest.charAt(0) == 'd';
    String text = rest.isEmpty() ? "" : rest.substring(1);
    IgnorePatterns patterns;
    try {
      patterns = IgnorePatterns.parse(text);
    } catch (IllegalArgumentException refused) {
      if (!refused.getMessage().startsWith("line ")) {
        throw new AssertionError("refusal does not name the line: " + refused.getMessage(),
            refused);
      }
      return;
    }
    patterns.ignored(path, directory);
  }
}
