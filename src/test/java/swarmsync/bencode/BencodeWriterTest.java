package swarmsync.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BencodeWriterTest {
  private static String text(BValue value) {
    return new String(BencodeWriter.encode(value), StandardCharsets.ISO_8859_1);
  }

  @Test
  void writesEachType() {
    assertThat(text(new BInt(-42))).isEqualTo("i-42e");
    assertThat(text(new BInt(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
    assertThat(text(BBytes.of("spam"))).isEqualTo("4:spam");
    assertThat(text(BList.of())).isEqualTo("le");
    assertThat(text(BList.of(new BInt(1), BBytes.of("")))).isEqualTo("li1e0:e");
  }

  @Test
  void writesDictionaryKeysInRawByteOrder() {
    BDict dict = BDict.builder()
        .put("zeta", 1)
        .put("min interval", 2)
        .put("interval", 3)
        .put(BDict.key(new byte[] {(byte) 0xe9}), 4)
        .put("Z", 5)
        .build();
    assertThat(text(dict))
        .isEqualTo("d1:Zi5e8:intervali3e12:min intervali2e4:zetai1e1:\u00e9i4ee");
  }

  @Test
  void roundTripsThroughTheReader() throws Exception {
    BDict dict = BDict.builder()
        .put("peers", new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1})
        .put("interval", 1800)
        .put("list", BList.of(BDict.builder().put("ip", "::1").put("port", 6881).build()))
        .build();
    assertThat(BencodeReader.decode(BencodeWriter.encode(dict))).isEqualTo(dict);
  }

  @Test
  void typedAccessorsNameTheFieldOnMismatch() {
    BDict dict = BDict.builder().put("interval", "soon").build();
    assertThatThrownBy(() -> dict.require("interval").asInt("interval"))
        .isInstanceOf(BencodeException.class)
        .hasMessage("interval must be an integer, got BBytes");
    assertThatThrownBy(() -> dict.require("peers"))
        .hasMessage("missing key 'peers'");
    assertThatThrownBy(() -> new BInt(-1).inRange("port", 0, 65535))
        .hasMessage("port must be in [0, 65535], got -1");
  }
}
