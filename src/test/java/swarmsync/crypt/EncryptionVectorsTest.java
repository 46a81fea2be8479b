package swarmsync.crypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.keys.ContentKeys;
import swarmsync.keys.FolderKey;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;
import swarmsync.util.Hex;

/** The vectors of docs/protocol.md "Encrypted folders", and what the scheme must guarantee. */
class EncryptionVectorsTest {
  /** content_key of the vector A key of docs/protocol.md section 1.5. */
  private static final byte[] CONTENT_KEY =
      Hex.decode("0be1597c7a32a7c9eb3e36e6bd514e73b2d5bf50ae0c189a4815729a23a4c2e3");
  private static final byte[] FOLDER = new byte[20];
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

  private final ContentKeys keys = ContentKeys.fromContentKey(CONTENT_KEY);
  private final ChunkCipher chunks = new ChunkCipher(keys);
  private final RecordCipher records = new RecordCipher(FOLDER, keys);

  static ChunkHash sha256(byte[] data) throws Exception {
    return ChunkHash.of(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static FileRecord record() throws Exception {
    return new FileRecord("a/b.txt", FileType.FILE, 5, 1_000_000_000L, 0644, false,
        VersionVector.EMPTY.bump(1), 7, 1, List.of(new ChunkRef(0, 5, sha256(HELLO))), "",
        new byte[64]);
  }

  @Test
  void subkeysMatchTheDocumentedVectors() {
    assertThat(Hex.encode(keys.nameKey())).isEqualTo(
        "44d8b41605175bd60b3c3bb4691da8cfb9d9ef7098e28a0e2d4d99c9f560523d");
    assertThat(Hex.encode(keys.metaKey())).isEqualTo(
        "1ca9fd34fc279ac715aefba248d81c2bde038bc78c168292cb2d3cadd0572ad9");
    assertThat(Hex.encode(keys.chunkKey())).isEqualTo(
        "3c6f67dd1f2d282ba0469eef9fa831af73cb54562f763d7493626ba901691792");
    assertThat(Hex.encode(keys.chunkIdKey())).isEqualTo(
        "07932d21a65590665728c0af2672dfd8b5defca68c2c813f4d6442b0172f94df");
    assertThat(Hex.encode(keys.nonceKey())).isEqualTo(
        "7803dc1f0d925897330998607a40e344a25e0f3860babd2bd03c8a2ec126869d");
  }

  @Test
  void theVectorKeyReachesTheseSubkeys() {
    FolderKey a = FolderKey.parse("AAAECAwQFBgcICQoLDA0ODxAREhMUP3_t");
    assertThat(ContentKeys.of(a).chunkKey()).isEqualTo(keys.chunkKey());
    assertThat(ContentKeys.of(a.readOnly()).chunkKey()).isEqualTo(keys.chunkKey());
  }

  @Test
  void chunkMatchesTheDocumentedVector() throws Exception {
    ChunkHash hash = sha256(HELLO);
    byte[] ciphertext = chunks.encrypt(HELLO, hash);
    assertThat(chunks.encryptedId(hash).toString()).isEqualTo(
        "822c8e1d124af3bc7484e336fdfb50f41ba960bb9e7007f2d936366c766e702c");
    assertThat(ciphertext).hasSize(4096 + 16);
    assertThat(Hex.encode(java.util.Arrays.copyOf(ciphertext, 32))).isEqualTo(
        "c879aa30be09f82bc6616651d629a7e8ac44a22198ddf80ac67324db45f95421");
    assertThat(Hex.encode(java.util.Arrays.copyOfRange(ciphertext, 4096, 4112))).isEqualTo(
        "277ccfb21e659d80330df2884052f094");
    assertThat(Hex.encode(sha256Bytes(ciphertext))).isEqualTo(
        "8fef0b0a1070a686435e9310dd0ada7d712229d3aeae79d5939d7bcf9877669b");
    assertThat(chunks.decrypt(ciphertext, hash)).isEqualTo(HELLO);
  }

  @Test
  void recordMatchesTheDocumentedVector() throws Exception {
    EncryptedRecord e = records.encrypt(record());
    assertThat(Hex.encode(e.nameId())).isEqualTo(
        "2348bc0d2f425e322e864708f6c7f17f9122f8fd26c32d73f65511c8e7c05379");
    assertThat(e.metadata()).hasSize(12 + 256 + 16);
    assertThat(Hex.encode(java.util.Arrays.copyOf(e.metadata(), 12)))
        .isEqualTo("31106fd041a9459953898703");
    byte[] canonical = CanonicalEncryptedRecord.bytes(FOLDER, e);
    assertThat(Hex.encode(java.util.Arrays.copyOf(canonical, canonical.length - 284))).isEqualTo(
        "737761726d73796e632f76312f656e637265636f726400" + "00".repeat(20)
            + "2348bc0d2f425e322e864708f6c7f17f9122f8fd26c32d73f65511c8e7c05379"
            + "00000001" + "0000000000000001" + "0000000000000001"
            + "00000001" + "822c8e1d124af3bc7484e336fdfb50f41ba960bb9e7007f2d936366c766e702c"
            + "00001010" + "0000011c");
    assertThat(Hex.encode(sha256Bytes(canonical))).isEqualTo(
        "c58fd711c388d125db78c58d604bbc57b1e025eee7529213b146aa483aef7814");
  }

  private static byte[] sha256Bytes(byte[] b) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(b);
  }

  @Test
  void paddingHidesTheExactLengthToWithinASixteenth() {
    assertThat(ChunkCipher.paddedLength(0)).isEqualTo(4096);
    assertThat(ChunkCipher.paddedLength(4092)).isEqualTo(4096);
    assertThat(ChunkCipher.paddedLength(4093)).isEqualTo(8192);
    assertThat(ChunkCipher.paddedLength(1 << 20)).isEqualTo((1 << 20) + (64 << 10));
    assertThat(ChunkCipher.paddedLength(4 << 20)).isEqualTo((4 << 20) + (256 << 10));
    for (int n = 1; n < 5_000_000; n += 9_973) {
      int padded = ChunkCipher.paddedLength(n);
      assertThat(padded).isGreaterThanOrEqualTo(n + 4);
      assertThat(padded - n - 4).isLessThanOrEqualTo(Math.max(4096, (n + 4) / 16));
    }
  }

  @Test
  void twoMembersProduceByteIdenticalCiphertext() throws Exception {
    FolderKey a = FolderKey.newReadWrite(new java.security.SecureRandom());
    RecordCipher writer = new RecordCipher(a.discoveryId(), ContentKeys.of(a));
    RecordCipher reader = new RecordCipher(a.discoveryId(), ContentKeys.of(a.readOnly()));
    byte[] data = new byte[300_000];
    new java.util.Random(1).nextBytes(data);
    ChunkHash hash = sha256(data);
    assertThat(writer.chunks().encrypt(data, hash)).isEqualTo(reader.chunks().encrypt(data,
        hash));
    assertThat(CanonicalEncryptedRecord.bytes(a.discoveryId(), writer.encrypt(record())))
        .isEqualTo(CanonicalEncryptedRecord.bytes(a.discoveryId(), reader.encrypt(record())));
  }

  @Test
  void aFlippedBitInAChunkIsRefused() throws Exception {
    ChunkHash hash = sha256(HELLO);
    byte[] ciphertext = chunks.encrypt(HELLO, hash);
    for (int bit : new int[] {0, 8 * 100 + 3, 8 * 4096 + 7, 8 * ciphertext.length - 1}) {
      byte[] altered = ciphertext.clone();
      altered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThatThrownBy(() -> chunks.decrypt(altered, hash))
          .isInstanceOf(EncryptionException.class);
    }
  }

  @Test
  void aChunkServedUnderAnotherIdIsRefused() throws Exception {
    byte[] other = "world".getBytes(StandardCharsets.US_ASCII);
    byte[] ciphertext = chunks.encrypt(other, sha256(other));
    assertThatThrownBy(() -> chunks.decrypt(ciphertext, sha256(HELLO)))
        .isInstanceOf(EncryptionException.class);
  }

  @Test
  void aRecordDecryptsToItselfWithItsSequenceAndSignatures() throws Exception {
    FileRecord r = record().withEncSignature(new byte[64]);
    FileRecord back = records.decrypt(records.encrypt(r));
    assertThat(back.path()).isEqualTo("a/b.txt");
    assertThat(back.sequence()).isEqualTo(7);
    assertThat(back.chunks()).isEqualTo(r.chunks());
    assertThat(back.sameContent(r)).isTrue();
    assertThat(back.encSignature()).hasSize(64);
  }

  @Test
  void anAlteredRecordIsRefused() throws Exception {
    EncryptedRecord e = records.encrypt(record());
    byte[] metadata = e.metadata();
    metadata[20] ^= 1;
    EncryptedRecord flipped = new EncryptedRecord(e.nameId(), e.version(), 0, e.chunks(),
        metadata, new byte[0]);
    assertThatThrownBy(() -> records.decrypt(flipped)).isInstanceOf(EncryptionException.class)
        .hasMessageContaining("tag");
    EncryptedRecord otherVersion = new EncryptedRecord(e.nameId(), e.version().bump(2), 0,
        e.chunks(), records.encrypt(record()).metadata(), new byte[0]);
    assertThatThrownBy(() -> records.decrypt(otherVersion))
        .hasMessageContaining("does not match");
    EncryptedRecord otherName = new EncryptedRecord(records.nameId("c.txt"), e.version(), 0,
        e.chunks(), records.encrypt(record()).metadata(), new byte[0]);
    assertThatThrownBy(() -> records.decrypt(otherName)).hasMessageContaining("tag");
  }

  @Test
  void canonicalEncryptedBytesReadBack() throws Exception {
    EncryptedRecord e = records.encrypt(record());
    byte[] bytes = CanonicalEncryptedRecord.bytes(FOLDER, e);
    EncryptedRecord back = CanonicalEncryptedRecord.parse(FOLDER, bytes, 3, new byte[64]);
    assertThat(CanonicalEncryptedRecord.bytes(FOLDER, back)).isEqualTo(bytes);
    assertThatThrownBy(() -> CanonicalEncryptedRecord.parse(FOLDER,
        java.util.Arrays.copyOf(bytes, bytes.length - 1), 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
