package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import java.nio.ByteBuffer;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import swarmsync.protocol.wire.Address;
import swarmsync.protocol.wire.Chunk;
import swarmsync.protocol.wire.Counter;
import swarmsync.protocol.wire.DownloadProgress;
import swarmsync.protocol.wire.FileInfo;
import swarmsync.protocol.wire.FolderJoin;
import swarmsync.protocol.wire.Hello;
import swarmsync.protocol.wire.Index;
import swarmsync.protocol.wire.IndexUpdate;
import swarmsync.protocol.wire.PeerExchange;
import swarmsync.protocol.wire.Request;
import swarmsync.protocol.wire.Response;

/** Incoming messages that break a field rule are refused with the field's name. */
class MessageValidatorTest {
  private static final ByteString DISCOVERY_ID = ByteString.copyFrom(Samples.discoveryId());
  private static final ByteString HASH = ByteString.copyFrom(Samples.filled(0x22, 32));

  @Test
  void helloWithAShortNonceIsRefused() {
    Hello hello = Hello.newBuilder().setSessionNonce(ByteString.copyFrom(new byte[31])).build();
    refused(MessageType.HELLO, hello)
        .hasMessage("Hello.session_nonce must be 32 bytes, got 31");
  }

  @Test
  void helloWithAnOverlongDeviceNameIsRefused() {
    Hello hello = Hello.newBuilder().setDeviceName("x".repeat(257))
        .setSessionNonce(ByteString.copyFrom(new byte[32])).build();
    refused(MessageType.HELLO, hello).hasMessage("Hello.device_name is 257 bytes (max 256)");
  }

  @Test
  void helloWithAListenPortAbove65535IsRefused() {
    Hello hello = Hello.newBuilder().setSessionNonce(ByteString.copyFrom(new byte[32]))
        .setListenPort(65_536).build();
    refused(MessageType.HELLO, hello).hasMessage("Hello.listen_port 65536 is above 65535");
  }

  @Test
  void peerExchangeWithMoreThan64AddressesIsRefusedBeforeParsing() {
    PeerExchange.Builder b = PeerExchange.newBuilder().setDiscoveryId(DISCOVERY_ID);
    for (int i = 0; i < Limits.MAX_EXCHANGED_ADDRESSES + 1; i++) {
      b.addAddresses(address(4, 1000 + i));
    }
    refused(MessageType.PEER_EXCHANGE, b.build())
        .hasMessage("PEER_EXCHANGE.addresses has more than 64 entries");
  }

  @Test
  void peerExchangeOf64AddressesIsAccepted() throws Exception {
    PeerExchange.Builder b = PeerExchange.newBuilder().setDiscoveryId(DISCOVERY_ID);
    for (int i = 0; i < Limits.MAX_EXCHANGED_ADDRESSES; i++) {
      b.addAddresses(address(i % 2 == 0 ? 4 : 16, 1 + i));
    }
    Message m = MessageMapper.fromWire(MessageType.PEER_EXCHANGE,
        ByteBuffer.wrap(b.build().toByteArray()));
    assertThat(((Message.PeerExchange) m).addresses()).hasSize(64);
  }

  @Test
  void peerExchangeWithAnIpNotOf4Or16BytesIsRefused() {
    for (int length : new int[] {0, 3, 5, 15, 17}) {
      PeerExchange x = PeerExchange.newBuilder().setDiscoveryId(DISCOVERY_ID)
          .addAddresses(address(4, 80)).addAddresses(address(length, 80)).build();
      refused(MessageType.PEER_EXCHANGE, x).hasMessage(
          "PeerExchange.addresses[1].ip must be 4 or 16 bytes, got " + length);
    }
  }

  @Test
  void peerExchangeWithPortZeroOrAbove65535IsRefused() {
    refused(MessageType.PEER_EXCHANGE, PeerExchange.newBuilder().setDiscoveryId(DISCOVERY_ID)
        .addAddresses(address(4, 0)).build())
        .hasMessage("PeerExchange.addresses[0].port 0 is outside 1..65535");
    refused(MessageType.PEER_EXCHANGE, PeerExchange.newBuilder().setDiscoveryId(DISCOVERY_ID)
        .addAddresses(address(16, 65_536)).build())
        .hasMessage("PeerExchange.addresses[0].port 65536 is outside 1..65535");
  }

  @Test
  void peerExchangeWithADiscoveryIdNotOf20BytesIsRefused() {
    refused(MessageType.PEER_EXCHANGE, PeerExchange.newBuilder()
        .setDiscoveryId(ByteString.copyFrom(new byte[19])).build())
        .hasMessage("PeerExchange.discovery_id must be 20 bytes, got 19");
  }

  @Test
  void sendingAPeerExchangeWithABadAddressFailsAtTheSender() {
    Message.PeerExchange bad = new Message.PeerExchange(Samples.discoveryId(),
        List.of(new Message.PeerAddress(new byte[5], 80)));
    assertThatThrownBy(() -> FrameCodec.encode(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PeerExchange.addresses[0].ip must be 4 or 16 bytes, got 5");
  }

  private static Address address(int ipBytes, int port) {
    return Address.newBuilder().setIp(ByteString.copyFrom(new byte[ipBytes])).setPort(port)
        .build();
  }

  @Test
  void folderJoinWithADiscoveryIdNotOf20BytesIsRefused() {
    FolderJoin join = FolderJoin.newBuilder().setDiscoveryId(ByteString.copyFrom(new byte[32]))
        .setMemberProof(HASH).build();
    refused(MessageType.FOLDER_JOIN, join)
        .hasMessage("FolderJoin.discovery_id must be 20 bytes, got 32");
  }

  @Test
  void folderJoinWithoutMemberProofOrWithAShortKeyIsRefused() {
    refused(MessageType.FOLDER_JOIN, FolderJoin.newBuilder().setDiscoveryId(DISCOVERY_ID).build())
        .hasMessage("FolderJoin.member_proof is empty");
    refused(MessageType.FOLDER_JOIN, FolderJoin.newBuilder().setDiscoveryId(DISCOVERY_ID)
        .setMemberProof(HASH).setPublicKey(ByteString.copyFrom(new byte[31])).build())
        .hasMessage("FolderJoin.public_key must be 32 bytes, got 31");
  }

  @Test
  void requestWithAShortHashOrOversizeOrNegativeOffsetIsRefused() {
    Request good = Request.newBuilder().setDiscoveryId(DISCOVERY_ID).setPath("a").setSize(10)
        .setHash(HASH).build();
    refused(MessageType.REQUEST, good.toBuilder().setHash(HASH.substring(1)).build())
        .hasMessage("Request.hash must be 32 bytes, got 31");
    refused(MessageType.REQUEST, good.toBuilder().setSize(Limits.MAX_CHUNK_BYTES + 1).build())
        .hasMessage("Request.size 4194305 is outside 1..4194304");
    refused(MessageType.REQUEST, good.toBuilder().setOffset(-1).build())
        .hasMessage("Request.offset is negative: -1");
    refused(MessageType.REQUEST, good.toBuilder().setPath("").build())
        .hasMessage("Request.path is empty");
  }

  @Test
  void pathLongerThanTheMaximumIsRefused() {
    FileInfo file = FileInfoMapper.toWire(Samples.file()).toBuilder()
        .setPath("a".repeat(Limits.MAX_PATH_BYTES + 1)).build();
    refused(MessageType.INDEX, index(file))
        .hasMessage("Index.files[0].path is 4097 bytes (max 4096)");
  }

  @Test
  void pathOfExactlyTheMaximumIsAccepted() throws Exception {
    FileInfo file = FileInfoMapper.toWire(Samples.file()).toBuilder()
        .setPath("é".repeat(Limits.MAX_PATH_BYTES / 2)).build();
    Message.Index index = (Message.Index) decode(MessageType.INDEX, index(file));
    assertThat(index.files().get(0).path()).hasSize(Limits.MAX_PATH_BYTES / 2);
  }

  @Test
  void negativeSizeIsRefused() {
    FileInfo file = FileInfoMapper.toWire(Samples.directory("d")).toBuilder().setSize(-1).build();
    refused(MessageType.INDEX, index(file)).hasMessage("Index.files[0].size is negative: -1");
  }

  @Test
  void chunksWithAGapOrOverlapOrShortfallAreRefused() {
    FileInfo two = FileInfoMapper.toWire(Samples.fileOfChunks("f", 2));
    refused(MessageType.INDEX, index(two.toBuilder()
        .setChunks(1, two.getChunks(1).toBuilder().setOffset(1025)).build()))
        .hasMessage("Index.files[0].chunks[1].offset is 1025, expected 1024"
            + " (chunks must tile the file in order)");
    refused(MessageType.INDEX, index(two.toBuilder()
        .setChunks(1, two.getChunks(1).toBuilder().setOffset(1000)).build()))
        .hasMessageContaining("chunks[1].offset is 1000, expected 1024");
    refused(MessageType.INDEX, index(two.toBuilder().setSize(2049).build()))
        .hasMessage("Index.files[0].chunks cover 2048 bytes but size is 2049");
  }

  @Test
  void chunkWithAShortHashOrZeroLengthIsRefused() {
    FileInfo one = FileInfoMapper.toWire(Samples.fileOfChunks("f", 1));
    refused(MessageType.INDEX_UPDATE, update(one.toBuilder()
        .setChunks(0, one.getChunks(0).toBuilder().setHash(HASH.substring(2))).build()))
        .hasMessage("IndexUpdate.files[0].chunks[0].hash must be 32 bytes, got 30");
    refused(MessageType.INDEX_UPDATE, update(one.toBuilder().setSize(0)
        .setChunks(0, one.getChunks(0).toBuilder().setLength(0)).build()))
        .hasMessage("IndexUpdate.files[0].chunks[0].length 0 is outside 1..4194304");
  }

  @Test
  void directoriesAndDeletionsCarryNoChunks() {
    FileInfo file = FileInfoMapper.toWire(Samples.file());
    refused(MessageType.INDEX, index(file.toBuilder().setDeleted(true).build()))
        .hasMessage("Index.files[0].chunks must be empty for a deleted entry");
    refused(MessageType.INDEX, index(file.toBuilder().setType(FileInfo.Type.DIRECTORY).build()))
        .hasMessage("Index.files[0].chunks must be empty for a directory");
  }

  @Test
  void tooManyVersionEntriesAreRefusedBeforeParsing() {
    FileInfo.Builder file = FileInfoMapper.toWire(Samples.directory("d")).toBuilder()
        .clearVersion();
    for (int i = 0; i <= Limits.MAX_VERSION_ENTRIES; i++) {
      file.addVersion(Counter.newBuilder().setId(i).setValue(1));
    }
    refused(MessageType.INDEX, index(file.build()))
        .hasMessage("INDEX.files[].version has more than 1024 entries");
  }

  @Test
  void aDeviceListedTwiceInAVersionIsRefused() {
    FileInfo file = FileInfoMapper.toWire(Samples.directory("d")).toBuilder()
        .addVersion(Counter.newBuilder().setId(0x0102030405060708L).setValue(4)).build();
    refused(MessageType.INDEX, index(file))
        .hasMessageStartingWith("Index.files[0].version: version vector lists device");
  }

  @Test
  void aCounterAbove2To63IsRefused() {
    FileInfo file = FileInfoMapper.toWire(Samples.directory("d")).toBuilder()
        .addVersion(Counter.newBuilder().setId(5).setValue(-1L)).build();
    refused(MessageType.INDEX, index(file))
        .hasMessage("Index.files[0].version[1].value 18446744073709551615 is above 2^63-1");
  }

  @Test
  void tooManyFilesInOneIndexAreRefusedBeforeParsing() {
    Index.Builder index = Index.newBuilder().setDiscoveryId(DISCOVERY_ID);
    FileInfo empty = FileInfo.getDefaultInstance();
    for (int i = 0; i <= Limits.MAX_FILES_PER_MESSAGE; i++) {
      index.addFiles(empty);
    }
    refused(MessageType.INDEX, index.build())
        .hasMessage("INDEX.files has more than 10000 entries");
  }

  @Test
  void emptyEntriesBeyondTheTotalBoundAreRefusedBeforeParsing() {
    Index.Builder index = Index.newBuilder().setDiscoveryId(DISCOVERY_ID);
    FileInfo.Builder file = FileInfo.newBuilder();
    for (int i = 0; i < Limits.MAX_CHUNKS_PER_FILE; i++) {
      file.addChunks(Chunk.getDefaultInstance());
    }
    index.addFiles(file).addFiles(file).addFiles(file);
    refused(MessageType.INDEX, index.build())
        .hasMessage("INDEX has more than 524288 repeated entries in all");
  }

  @Test
  void downloadProgressWithAnIndexBeyondTheChunkBoundIsRefused() {
    DownloadProgress progress = DownloadProgress.newBuilder().setDiscoveryId(DISCOVERY_ID)
        .setPath("a").addChunkIndexes(Limits.MAX_CHUNKS_PER_FILE).build();
    refused(MessageType.DOWNLOAD_PROGRESS, progress)
        .hasMessage("DownloadProgress.chunk_indexes holds 262144 (max 262143)");
  }

  @Test
  void responseWithAnUnknownCodeOrOversizeDataIsRefused() {
    refused(MessageType.RESPONSE, Response.newBuilder().setCodeValue(9).build())
        .hasMessage("Response.code 9 is not a known code");
    refused(MessageType.RESPONSE, Response.newBuilder()
        .setData(ByteString.copyFrom(new byte[Limits.MAX_ENCRYPTED_CHUNK_BYTES + 1])).build())
        .hasMessage("Response.data is 4456465 bytes (max 4456464)");
  }

  @Test
  void invalidUtf8InAStringIsRefused() {
    byte[] payload = {0x0a, 0x01, (byte) 0xff};
    assertThatThrownBy(() -> MessageMapper.fromWire(MessageType.CLOSE, ByteBuffer.wrap(payload)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageStartingWith("CLOSE payload is not valid protobuf");
  }

  @Test
  void encodingAMessageAPeerWouldRefuseFailsAtTheSender() {
    Message.Request bad = new Message.Request(1, new byte[3], "a", 0, 1,
        Samples.request().hash());
    assertThatThrownBy(() -> FrameCodec.encode(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing to send an invalid message: "
            + "Request.discovery_id must be 20 bytes, got 3");
  }

  private static Index index(FileInfo file) {
    return Index.newBuilder().setDiscoveryId(DISCOVERY_ID).addFiles(file).build();
  }

  private static IndexUpdate update(FileInfo file) {
    return IndexUpdate.newBuilder().setDiscoveryId(DISCOVERY_ID).addFiles(file).build();
  }

  private static Message decode(MessageType type, MessageLite wire) throws ProtocolException {
    byte[] payload = wire.toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(FrameCodec.HEADER_BYTES + payload.length)
        .putInt(1 + payload.length).put((byte) type.code()).put(payload).flip();
    return FrameCodec.decode(frame).orElseThrow();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(MessageType type,
      MessageLite wire) {
    return assertThatThrownBy(() -> decode(type, wire)).isInstanceOf(ProtocolException.class);
  }
}
