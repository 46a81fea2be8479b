package swarmsync.sync;

import swarmsync.keys.SignatureVerifier;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.FileRecord;

/** Checks that a record was signed with the folder's key: write authority is cryptographic. */
public final class RecordVerifier {
  private final byte[] discoveryId;
  private final byte[] publicKey;

  public RecordVerifier(byte[] discoveryId, byte[] publicKey) {
    this.discoveryId = discoveryId.clone();
    this.publicKey = publicKey.clone();
  }

  public boolean valid(FileRecord record) {
    return record.signature().length == SignatureVerifier.SIGNATURE_BYTES
        && SignatureVerifier.verify(publicKey, CanonicalRecord.bytes(discoveryId, record),
            record.signature());
  }

  /** The folder's public key this verifier checks against. */
  public byte[] publicKey() {
    return publicKey.clone();
  }
}
