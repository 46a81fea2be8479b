package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.keys.FolderKey;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

/**
 * The shortcut that spares a check of a record this device already holds must never accept
 * anything a check would refuse: only the very same signed bytes with the very same signature.
 */
class RecordVerifierTest {
  private final FolderKey key = FolderKey.newReadWrite(new SecureRandom());
  private final RecordVerifier verifier =
      new RecordVerifier(key.discoveryId(), key.signer().publicKey());

  private FileRecord record(long size, long counter, int sequence) {
    return new FileRecord("docs/plan.txt", FileType.FILE, size, 1_700_000_000_123_456_789L,
        0644, false, VersionVector.of(new long[] {7}, new long[] {counter}), sequence, 7,
        List.of(new ChunkRef(0, (int) size, ChunkHash.of(new byte[32]))), "", new byte[0]);
  }

  private FileRecord signed(FileRecord r) {
    return r.withSignature(key.signer().sign(CanonicalRecord.bytes(key.discoveryId(), r)));
  }

  @Test
  void theSameSignedRecordIsTheSameEvenUnderAnotherSequence() {
    FileRecord held = signed(record(100, 3, 11));
    FileRecord again = held.withSequence(98);
    assertThat(verifier.valid(again)).isTrue();
    assertThat(verifier.sameAsChecked(held, again)).isTrue();
  }

  @Test
  void aHeldSignatureOnAlteredContentIsNotTheSameAndFailsTheCheck() {
    FileRecord held = signed(record(100, 3, 11));
    FileRecord altered = record(101, 3, 11).withSignature(held.signature());
    assertThat(verifier.sameAsChecked(held, altered)).isFalse();
    assertThat(verifier.valid(altered)).isFalse();
    FileRecord otherVersion = record(100, 4, 11).withSignature(held.signature());
    assertThat(verifier.sameAsChecked(held, otherVersion)).isFalse();
    assertThat(verifier.valid(otherVersion)).isFalse();
  }

  @Test
  void anUnsignedHeldRecordNeverStandsInForACheck() {
    FileRecord localChange = record(100, 3, 11);
    assertThat(verifier.sameAsChecked(localChange, localChange)).isFalse();
    FileRecord withAnotherSignature = signed(record(100, 3, 11));
    assertThat(verifier.sameAsChecked(signed(record(100, 4, 11)), withAnotherSignature))
        .isFalse();
  }
}
