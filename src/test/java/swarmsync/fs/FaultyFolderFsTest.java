package swarmsync.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.junit.jupiter.api.Test;

class FaultyFolderFsTest {
  private final MemoryFolderFs memory = new MemoryFolderFs();
  private final FaultyFolderFs fs = new FaultyFolderFs(memory);

  @Test
  void failsTheNextReadsOfAPathThenRecovers() throws IOException {
    memory.openWrite("f", true).write(ByteBuffer.wrap(new byte[10]));
    fs.failNextReads("f", 1);
    try (FileChannel ch = fs.openRead("f")) {
      assertThatThrownBy(() -> ch.read(ByteBuffer.allocate(4))).hasMessageContaining("f");
      assertThat(ch.read(ByteBuffer.allocate(4))).isEqualTo(4);
    }
  }

  @Test
  void failsWritesPastTheByteBudgetLikeAFullDisk() throws IOException {
    fs.failWritesBeyond("f", 6);
    try (FileChannel ch = fs.openWrite("f", true)) {
      ch.write(ByteBuffer.wrap(new byte[4]));
      assertThatThrownBy(() -> ch.write(ByteBuffer.wrap(new byte[4])))
          .hasMessageContaining("no space");
    }
  }

  @Test
  void reportsMadeUpFreeSpaceUntilToldToStop() throws IOException {
    fs.reportUsableSpace(1234);
    assertThat(fs.usableSpace()).isEqualTo(1234);
    fs.reportUsableSpace(-1);
    assertThat(fs.usableSpace()).isEqualTo(memory.usableSpace());
  }

  @Test
  void failsTheNextCallsOfAnOperation() throws IOException {
    fs.failNext(FaultyFolderFs.Op.STAT, "x", 2);
    assertThatThrownBy(() -> fs.stat("x")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> fs.stat("x")).isInstanceOf(IOException.class);
    assertThat(fs.stat("x")).isEmpty();
  }
}
