package swarmsync.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing key text: every typo refused, every refusal a clear line without the key in it. */
class KeyTextTest {
  private static final String BASE64URL =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  static Stream<String> validKeys() {
    return Stream.of(KeyVectorsTest.KEY_A, KeyVectorsTest.KEY_B, KeyVectorsTest.KEY_E,
        KeyVectorsTest.KEY_C_RW, KeyVectorsTest.KEY_C_RO);
  }

  @ParameterizedTest
  @MethodSource("validKeys")
  void everySingleCharacterChangeOfAValidKeyIsRefused(String key) {
    List<String> accepted = new ArrayList<>();
    int tried = 0;
    for (int i = 0; i < key.length(); i++) {
      for (char c : BASE64URL.toCharArray()) {
        if (c == key.charAt(i)) {
          continue;
        }
        String typo = key.substring(0, i) + c + key.substring(i + 1);
        tried++;
        try {
          FolderKey.parse(typo);
          accepted.add(typo);
        } catch (KeyFormatException expected) {
          assertThat(expected.getMessage()).doesNotContain(typo.substring(1));
        }
      }
    }

    assertThat(tried).isEqualTo(key.length() * 63);
    assertThat(accepted).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validKeys")
  void validKeysParseAndEncodeBackToTheSameText(String key) {
    assertThat(FolderKey.parse(key).encode()).isEqualTo(key);
    assertThat(FolderKey.parse("  \t" + key + "\n")).isEqualTo(FolderKey.parse(key));
  }

  @Test
  void keyLengthsAreThirtyThreeFortyEightAndTwentyEightCharacters() {
    assertThat(KeyText.textLength(KeyKind.READ_WRITE)).isEqualTo(33);
    assertThat(KeyText.textLength(KeyKind.READ_ONLY)).isEqualTo(48);
    assertThat(KeyText.textLength(KeyKind.ENCRYPTED)).isEqualTo(48);
    assertThat(KeyText.textLength(KeyKind.INVITE)).isEqualTo(28);
    assertThat(FolderKey.newReadWrite(new SecureRandom()).encode()).hasSize(33);
  }

  @Test
  void emptyTextSaysTheKeyIsEmpty() {
    assertThatThrownBy(() -> FolderKey.parse(""))
        .isInstanceOf(KeyFormatException.class).hasMessage("key is empty");
    assertThatThrownBy(() -> FolderKey.parse("   \n"))
        .isInstanceOf(KeyFormatException.class).hasMessage("key is empty");
  }

  @Test
  void unknownPrefixNamesTheLetterAndTheExpectedOnes() {
    String key = "X" + KeyVectorsTest.KEY_A.substring(1);

    assertThatThrownBy(() -> FolderKey.parse(key))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("unknown key prefix 'X': expected A, B, E or C");
    assertThatThrownBy(() -> FolderKey.parse("a" + key.substring(1)))
        .hasMessage("unknown key prefix 'a': expected A, B, E or C");
  }

  @Test
  void shortKeySaysHowManyCharactersItHasAndShouldHave() {
    String key = KeyVectorsTest.KEY_A.substring(0, 30);

    assertThatThrownBy(() -> FolderKey.parse(key))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("key has 30 characters, a read-write key has 33");
    assertThatThrownBy(() -> FolderKey.parse(KeyVectorsTest.KEY_B + "AAA"))
        .hasMessage("key has 51 characters, a read-only key has 48");
    assertThatThrownBy(() -> FolderKey.parse("C"))
        .hasMessage("key has 1 characters, a one-time invite key has 28");
  }

  @Test
  void nonBase64UrlCharacterIsNamedWithItsPosition() {
    String key = KeyVectorsTest.KEY_A.substring(0, 5) + "+" + KeyVectorsTest.KEY_A.substring(6);

    assertThatThrownBy(() -> FolderKey.parse(key))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("key has '+' at character 6, which is not base64url (A-Z a-z 0-9 - _)");
    assertThatThrownBy(() -> FolderKey.parse(KeyVectorsTest.KEY_C_RW + "="))
        .hasMessageContaining("'=' at character 29");
    assertThatThrownBy(() -> FolderKey.parse("AAAA BBBB"))
        .hasMessageContaining("U+0020 at character 5");
  }

  @Test
  void mistypedCharacterSaysTheChecksumDoesNotMatch() {
    String key = "AAAECAwQFBgcICQoLDA0ODxAREhMUP3_u";

    assertThatThrownBy(() -> FolderKey.parse(key))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("key checksum does not match: the key is mistyped or incomplete");
  }

  @Test
  void prefixLetterIsCoveredByTheChecksum() {
    String retyped = "E" + KeyVectorsTest.KEY_B.substring(1);

    assertThatThrownBy(() -> FolderKey.parse(retyped))
        .hasMessageContaining("checksum does not match");
  }

  @Test
  void inviteWithUnknownAccessLevelIsRefusedEvenWithAGoodChecksum() {
    byte[] payload = new byte[17];
    payload[16] = 0x07;
    String text = KeyText.encode(KeyKind.INVITE, payload);

    assertThatThrownBy(() -> FolderKey.parse(text))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("invite key grants unknown access level 0x07: expected 0x01 or 0x02");
  }

  @Test
  void keyFormatExceptionIsAnIllegalArgumentException() {
    assertThatThrownBy(() -> FolderKey.parse("?"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
