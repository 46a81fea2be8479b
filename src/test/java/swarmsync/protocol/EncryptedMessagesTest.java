package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.record.ChunkHash;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;
import swarmsync.util.Hex;

/** EncryptedIndex and encrypted Requests on the wire: round trips, vector and refusals. */
class EncryptedMessagesTest {
  private static EncryptedRecord record() {
    return new EncryptedRecord(Samples.filled(0x33, 32), Samples.version(), 9,
        List.of(new EncryptedChunk(ChunkHash.of(Samples.filled(0x44, 32)), 4112)),
        Samples.filled(0x55, 28), Samples.filled(0x66, 64));
  }

  private static Message roundTrip(Message m) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(FrameCodec.encode(m));
    Message decoded = FrameCodec.decode(in).orElseThrow();
    assertThat(in.remaining()).isZero();
    return decoded;
  }

  @Test
  void anEncryptedIndexSurvivesTheWire() throws Exception {
    Message.EncryptedIndex m = new Message.EncryptedIndex(Samples.discoveryId(),
        List.of(record(), record().withSequence(10)), true);
    assertThat(roundTrip(m)).usingRecursiveComparison().isEqualTo(m);
  }

  @Test
  void anEncryptedRequestSurvivesTheWire() throws Exception {
    Message.Request r = Message.Request.encrypted(Samples.discoveryId(),
        ChunkHash.of(Samples.filled(0x44, 32)), Limits.MAX_ENCRYPTED_CHUNK_BYTES).withId(5);
    assertThat(roundTrip(r)).usingRecursiveComparison().isEqualTo(r);
    assertThat(roundTrip(Message.Response.ok(5,
        new byte[Limits.MAX_ENCRYPTED_CHUNK_BYTES]))).isNotNull();
  }

  @Test
  void encryptedIndexMatchesTheDocumentedVector() {
    EncryptedRecord small = new EncryptedRecord(Samples.filled(0x33, 32),
        swarmsync.record.VersionVector.EMPTY.bump(1), 9,
        List.of(new EncryptedChunk(ChunkHash.of(Samples.filled(0x44, 32)), 4112)),
        Samples.filled(0x55, 28), Samples.filled(0x66, 64));
    assertThat(Hex.encode(FrameCodec.encode(new Message.EncryptedIndex(Samples.discoveryId(),
        List.of(small), true)))).isEqualTo("000000cd" + "0c"
            + "0a14a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3"
            + "12b101"
            + "0a20" + "33".repeat(32)
            + "1204" + "0801" + "1001"
            + "1809"
            + "2225" + "0a20" + "44".repeat(32) + "10902000".substring(0, 6)
            + "2a1c" + "55".repeat(28)
            + "3240" + "66".repeat(64)
            + "1801");
  }

  @Test
  void anEncryptedRequestWithAPathOrOffsetIsRefused() {
    byte[] frame = FrameCodec.encode(Message.Request.encrypted(Samples.discoveryId(),
        ChunkHash.of(Samples.filled(1, 32)), 10));
    frame[frame.length - 1] = 1; // still encrypted; now corrupt the request differently:
    Message.Request withPath = new Message.Request(1, Samples.discoveryId(), "a", 0, 10,
        ChunkHash.of(Samples.filled(1, 32)), true);
    assertThatThrownBy(() -> FrameCodec.encode(withPath))
        .hasMessageContaining("Request.path");
    Message.Request tooBig = new Message.Request(1, Samples.discoveryId(), "a", 0,
        Limits.MAX_CHUNK_BYTES + 1, ChunkHash.of(Samples.filled(1, 32)));
    assertThatThrownBy(() -> FrameCodec.encode(tooBig)).hasMessageContaining("Request.size");
  }

  @Test
  void anEncryptedRecordWithoutSignatureIsRefused() {
    EncryptedRecord unsigned = record().withEncSignature(new byte[0]);
    assertThatThrownBy(() -> FrameCodec.encode(new Message.EncryptedIndex(
        Samples.discoveryId(), List.of(unsigned), false)))
        .hasMessageContaining("enc_signature");
  }
}
