package swarmsync.sync;

import java.util.Arrays;
import java.util.Optional;
import swarmsync.keys.SignatureVerifier;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.FileRecord;

/** Checks that a record was signed with the folder's key: write authority is cryptographic. */
public final class RecordVerifier {
  private final byte[] discoveryId;
  private final byte[] publicKey;
  /** The key as a curve point, or empty when it is not one (then nothing verifies). */
  private final Optional<SignatureVerifier.Key> point;

  public RecordVerifier(byte[] discoveryId, byte[] publicKey) {
    this.discoveryId = discoveryId.clone();
    this.publicKey = publicKey.clone();
    this.point = SignatureVerifier.decode(publicKey);
  }

  /** Thread-safe: index batches are checked on several threads at once. */
  public boolean valid(FileRecord record) {
    return record.signature().length == SignatureVerifier.SIGNATURE_BYTES && point.isPresent()
        && point.get().verify(CanonicalRecord.bytes(discoveryId, record), record.signature());
  }

  /**
   * Whether {@code record} is exactly {@code held}, a record this device stored after checking
   * it (or signed itself): the same signature over the same signed bytes, so checking it again
   * would give the same answer. A peer announcing back what it pulled from here sends such
   * records, and an Ed25519 check costs ~80 us each.
   */
  public boolean sameAsChecked(FileRecord held, FileRecord record) {
    return held.signature().length == SignatureVerifier.SIGNATURE_BYTES
        && Arrays.equals(held.signature(), record.signature())
        && Arrays.equals(CanonicalRecord.bytes(discoveryId, held),
            CanonicalRecord.bytes(discoveryId, record));
  }

  /** The folder's public key this verifier checks against. */
  public byte[] publicKey() {
    return publicKey.clone();
  }
}
