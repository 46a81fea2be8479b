package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import swarmsync.record.FileRecord;

/** A large index is cut into messages that each fit the receiver's limits, in order. */
class IndexBatcherTest {
  @Test
  void anEmptyFolderIsOneEmptyLastIndex() {
    List<Message.Index> messages = IndexBatcher.index(Samples.discoveryId(), List.of());
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).files()).isEmpty();
    assertThat(messages.get(0).last()).isTrue();
    assertThat(IndexBatcher.updates(Samples.discoveryId(), List.of())).isEmpty();
  }

  @Test
  void manySmallFilesAreCutAtTheFileCountAndOnlyTheFinalPartIsLast() throws Exception {
    List<FileRecord> files = new ArrayList<>();
    for (int i = 0; i < 25_000; i++) {
      files.add(Samples.directory("d" + i));
    }
    List<Message.Index> messages = IndexBatcher.index(Samples.discoveryId(), files);
    assertThat(messages).extracting(m -> m.files().size()).containsExactly(10_000, 10_000, 5_000);
    assertThat(messages).extracting(Message.Index::last).containsExactly(false, false, true);
    assertThat(messages.get(2).files().get(4_999).path()).isEqualTo("d24999");
    for (Message.Index m : messages) {
      assertThat(FrameCodec.decode(ByteBuffer.wrap(FrameCodec.encode(m)))).isPresent();
    }
  }

  @Test
  void filesWithManyChunksAreCutByBytesAndTheLargestFileTravelsAlone() throws Exception {
    FileRecord largest = Samples.fileOfChunks("largest", Limits.MAX_CHUNKS_PER_FILE);
    List<FileRecord> files = List.of(Samples.fileOfChunks("a", 50_000),
        Samples.fileOfChunks("b", 50_000), largest, Samples.file());
    List<Message.IndexUpdate> messages = IndexBatcher.updates(Samples.discoveryId(), files);
    assertThat(messages).extracting(m -> m.files().size()).containsExactly(1, 1, 1, 1);
    byte[] frame = FrameCodec.encode(messages.get(2));
    assertThat(frame.length).isLessThan(Limits.MAX_FRAME_BYTES);
    Message.IndexUpdate decoded =
        (Message.IndexUpdate) FrameCodec.decode(ByteBuffer.wrap(frame)).orElseThrow();
    assertThat(decoded.files().get(0).chunks()).hasSize(Limits.MAX_CHUNKS_PER_FILE);
  }
}
