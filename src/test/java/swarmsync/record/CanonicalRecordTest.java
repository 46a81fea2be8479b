package swarmsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

class CanonicalRecordTest {
  private static final byte[] FOLDER = new byte[20];

  private static FileRecord record(long sequence, int permissions) {
    byte[] hash = new byte[32];
    hash[31] = 1;
    return new FileRecord("a/b.txt", FileType.FILE, 5, 1_000_000_000L, permissions, false,
        VersionVector.EMPTY.bump(1), sequence, 1, List.of(new ChunkRef(0, 5, ChunkHash.of(hash))),
        "", new byte[] {9});
  }

  @Test
  void sequenceAndSignatureAreNotCoveredSoRecordsKeepTheirSignatureWhenPassedOn() {
    assertThat(CanonicalRecord.bytes(FOLDER, record(1, 0644)))
        .isEqualTo(CanonicalRecord.bytes(FOLDER, record(99, 0644).withSignature(new byte[0])));
  }

  @Test
  void everyMetadataChangeChangesTheBytes() {
    assertThat(CanonicalRecord.bytes(FOLDER, record(1, 0644)))
        .isNotEqualTo(CanonicalRecord.bytes(FOLDER, record(1, 0755)));
    byte[] other = new byte[20];
    other[0] = 1;
    assertThat(CanonicalRecord.bytes(FOLDER, record(1, 0644)))
        .isNotEqualTo(CanonicalRecord.bytes(other, record(1, 0644)));
  }

  @Test
  void layoutMatchesTheDocumentedVector() {
    assertThat(Hex.encode(CanonicalRecord.bytes(FOLDER, record(1, 0644)))).isEqualTo(
        "737761726d73796e632f76312f7265636f726400"
            + "0000000000000000000000000000000000000000"
            + "00000007612f622e747874" + "00" + "00" + "0000000000000005"
            + "000000003b9aca00" + "000001a4" + "0000000000000001" + "00000001"
            + "0000000000000001" + "0000000000000001" + "00000000" + "00000001" + "00000005"
            + "0000000000000000000000000000000000000000000000000000000000000001");
  }
}
