package swarmsync.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeReaderTest {
  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BValue decode(String text) throws BencodeException {
    return BencodeReader.decode(ascii(text));
  }

  @Test
  void readsEachTypeExactly() throws Exception {
    assertThat(decode("i42e")).isEqualTo(new BInt(42));
    assertThat(decode("i-7e")).isEqualTo(new BInt(-7));
    assertThat(decode("i0e")).isEqualTo(new BInt(0));
    assertThat(decode("i9223372036854775807e")).isEqualTo(new BInt(Long.MAX_VALUE));
    assertThat(decode("4:spam")).isEqualTo(BBytes.of("spam"));
    assertThat(decode("0:")).isEqualTo(BBytes.of(new byte[0]));
    assertThat(decode("l4:spami1ee")).isEqualTo(BList.of(BBytes.of("spam"), new BInt(1)));
    assertThat(decode("d3:cow3:moo4:spaml1:a1:bee")).isEqualTo(BDict.builder()
        .put("cow", "moo").put("spam", BList.of(BBytes.of("a"), BBytes.of("b"))).build());
  }

  @Test
  void keepsBinaryStringsAndKeysByteForByte() throws Exception {
    byte[] input = {'d', '2', ':', (byte) 0xff, 0, '2', ':', (byte) 0x80, 0, 'e'};
    BDict dict = BencodeReader.decodeDict(input);
    assertThat(dict.require(BDict.key(new byte[] {(byte) 0xff, 0})).asBytes("v").bytes())
        .containsExactly(0x80, 0);
    assertThat(BencodeWriter.encode(dict)).isEqualTo(input);
  }

  @Test
  void readsUnsortedKeysButRefusesDuplicates() throws Exception {
    assertThat(decode("d1:bi1e1:ai2ee").asDict("d").entries().keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> decode("d1:ai1e1:ai2ee"))
        .isInstanceOf(BencodeException.class).hasMessageContaining("offset 7")
        .hasMessageContaining("duplicate dictionary key 'a'");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "i42ex       | offset 4: 1 trailing bytes",
      "4:spam4:eggs| offset 6: 6 trailing bytes",
      "i42         | offset 3: input ends where integer end 'e' was expected",
      "i           | offset 1: input ends",
      "5:spam      | offset 0: string length 5 but only 4 bytes left",
      "l4:spam     | offset 7: input ends where list end 'e' was expected",
      "d3:cow      | offset 6: input ends where a value was expected",
      "''          | offset 0: input ends where a value was expected",
      "-1:a        | offset 0: unexpected byte 0x2d",
      "i-0e        | offset 1: integer is negative zero",
      "i03e        | offset 1: integer has a leading zero",
      "ie          | offset 1: integer has no digits",
      "i-e         | offset 1: integer has no digits",
      "i1x2e       | offset 2: integer has non-digit 0x78",
      "i12345678901234567890e | offset 1: integer has more than 19 digits",
      "i9223372036854775808e  | offset 1: integer does not fit a signed 64-bit integer",
      "03:abc      | offset 0: string length has a leading zero",
      "99999999999:abc | offset 0: string length 99999999999 over the limit of 4194304",
      "4194305:x   | offset 0: string length 4194305 over the limit",
      "di1ei2ee    | offset 1: dictionary key must be a byte string",
      "x           | offset 0: unexpected byte 0x78 where a value starts",
  })
  void refusesMalformedInputNamingOffsetAndProblem(String input, String message) {
    assertThatThrownBy(() -> decode(input))
        .isInstanceOf(BencodeException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    int over = BencodeReader.MAX_DEPTH + 1;
    String deep = "l".repeat(over) + "e".repeat(over);
    assertThatThrownBy(() -> decode(deep))
        .hasMessageContaining("offset " + BencodeReader.MAX_DEPTH)
        .hasMessageContaining("nesting deeper than 64");
    String allowed = "l".repeat(BencodeReader.MAX_DEPTH) + "e".repeat(BencodeReader.MAX_DEPTH);
    assertThat(decode0(allowed)).isInstanceOf(BList.class);
  }

  @Test
  void refusesMoreValuesThanTheLimit() {
    String many = "l" + "i1e".repeat(BencodeReader.MAX_ELEMENTS) + "e";
    assertThatThrownBy(() -> decode(many)).hasMessageContaining("more than 100000 values");
  }

  @Test
  void everyProperPrefixOfAValueIsRefused() throws Exception {
    byte[] whole = ascii("d5:peersl6:abcdefi-12ee4:spamd1:xi0eee");
    assertThat(BencodeReader.decode(whole)).isInstanceOf(BDict.class);
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] prefix = java.util.Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> BencodeReader.decode(prefix))
          .as("prefix of %d bytes", cut)
          .isInstanceOf(BencodeException.class);
    }
  }

  @Test
  void decodeDictRefusesOtherTopLevelTypes() {
    assertThatThrownBy(() -> BencodeReader.decodeDict(ascii("le")))
        .hasMessageContaining("expected a dictionary, got BList");
  }

  private static BValue decode0(String text) {
    try {
      return decode(text);
    } catch (BencodeException e) {
      throw new AssertionError(e);
    }
  }
}
