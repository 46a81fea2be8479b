package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;

/** Every message type survives encode then decode unchanged. */
class MessageRoundTripTest {
  static Stream<Message> everyMessageType() {
    FileRecord deleted = new FileRecord("old/gone.bin", FileType.FILE, 0, 5, 0, true,
        Samples.version(), 12, 77, List.of(), "", Samples.filled(1, 64));
    FileRecord link = new FileRecord("link", FileType.SYMLINK, 0, -5, 0777, false,
        VersionVector.of(new long[] {-1L, 2}, new long[] {Long.MAX_VALUE, 1}), 3, -1L,
        List.of(), "../target/ü", new byte[0]);
    return Stream.of(
        Samples.hello(),
        new Message.FolderJoin(Samples.discoveryId(), Samples.bytes(1, 32), Samples.bytes(2, 32),
            new byte[0], Samples.bytes(3, 64), -42L, 1234),
        new Message.FolderJoin(Samples.discoveryId(), null, Samples.bytes(2, 32), null, null,
            0, 0),
        new Message.FolderJoinResult(Samples.discoveryId(), false, "wrong key"),
        new Message.FolderJoinResult(Samples.discoveryId(), true, ""),
        Samples.index(),
        new Message.Index(Samples.discoveryId(), List.of(), false),
        new Message.IndexUpdate(Samples.discoveryId(),
            List.of(deleted, link, Samples.directory("dir"), Samples.fileOfChunks("big", 300))),
        Samples.request(),
        new Message.Request(-1, Samples.discoveryId(), "x", 0, Limits.MAX_CHUNK_BYTES,
            Samples.request().hash()),
        Message.Response.ok(-2, Samples.filled(7, 1000)),
        Message.Response.error(3, Message.ResponseCode.NO_SUCH_FILE),
        new Message.DownloadProgress(Samples.discoveryId(), "a.txt", Samples.version(),
            new int[] {0, 5, 262_143}),
        Samples.helloListening(),
        Samples.peerExchange(),
        new Message.PeerExchange(Samples.discoveryId(), List.of()),
        new Message.Ping(),
        new Message.Close("shutting down"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMessageType")
  void encodingThenDecodingGivesTheSameMessage(Message message) throws Exception {
    byte[] frame = FrameCodec.encode(message);
    ByteBuffer in = ByteBuffer.wrap(frame);
    Message decoded = FrameCodec.decode(in).orElseThrow();
    assertThat(in.remaining()).isZero();
    assertThat(frame[4]).isEqualTo((byte) message.type().code());
    assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyMessageType")
  void frameReaderReadsWhatFrameWriterWrote(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out).write(message);
    new FrameWriter(out).write(new Message.Ping());
    FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()));
    assertThat(reader.read()).usingRecursiveComparison().isEqualTo(message);
    assertThat(reader.read()).isEqualTo(new Message.Ping());
    assertThat(reader.read()).isNull();
  }
}
