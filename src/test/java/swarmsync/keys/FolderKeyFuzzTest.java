package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the key parser: any text is a key or a {@link KeyFormatException}, and a
 * parsed key prints as text that parses to the same key (seeds in FolderKeyFuzzTestInputs).
 */
class FolderKeyFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void keyParserKeepsItsContract(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    FolderKey key;
    try {
      key = FolderKey.parse(text);
    } catch (KeyFormatException refused) {
      return;
    }
    String printed = key.encode();
    assertThat(FolderKey.parse(printed)).isEqualTo(key);
    assertThat(FolderKey.parse(printed).encode()).isEqualTo(printed);
    assertThat(key.toString()).doesNotContain(printed);
  }
}
