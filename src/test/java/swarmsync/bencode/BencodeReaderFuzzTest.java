package swarmsync.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the bencode reader: any bytes are one value or a {@link BencodeException};
 * an accepted value writes out as canonical bytes that read back to the same value (seeds in
 * BencodeReaderFuzzTestInputs).
 */
class BencodeReaderFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void bencodeReaderKeepsItsContract(byte[] input) throws BencodeException {
    BValue value;
    try {
      value = BencodeReader.decode(input);
    } catch (BencodeException refused) {
      return;
    }
    byte[] canonical = BencodeWriter.encode(value);
    assertThat(canonical.length).isLessThanOrEqualTo(input.length);
    assertThat(BencodeWriter.encode(BencodeReader.decode(canonical))).isEqualTo(canonical);
  }
}
