package swarmsync.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryFolderFsTest {
  private final MemoryFolderFs fs =
      new MemoryFolderFs(Clock.fixed(Instant.ofEpochSecond(1000, 5), ZoneOffset.UTC));

  @Test
  void writtenBytesReadBackWithSizeMtimeAndKey() throws IOException {
    fs.createDirectories("d");
    try (FileChannel ch = fs.openWrite("d/f", true)) {
      ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    }
    ByteBuffer read = ByteBuffer.allocate(8);
    try (FileChannel ch = fs.openRead("d/f")) {
      assertThat(ch.read(read)).isEqualTo(3);
      assertThat(ch.read(read)).isEqualTo(-1);
    }
    FileMeta meta = fs.stat("d/f").orElseThrow();
    assertThat(meta.size()).isEqualTo(3);
    assertThat(meta.mtimeNanos()).isEqualTo(1000_000_000_005L);
    assertThat(meta.fileKey()).startsWith("mem:");
  }

  @Test
  void renameMovesADirectoryWithItsContents() throws IOException {
    fs.createDirectories("a/b");
    fs.openWrite("a/b/f", true).close();
    fs.rename("a", "z");
    List<String> seen = new ArrayList<>();
    fs.walk("", (path, meta) -> seen.add(path));
    assertThat(seen).containsExactly("z", "z/b", "z/b/f");
  }

  @Test
  void refusesPathsThroughSymlinksAndMissingParents() throws IOException {
    fs.createSymlink("l", "elsewhere");
    assertThatThrownBy(() -> fs.openWrite("l/x", true)).isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> fs.openWrite("missing/x", true)).hasMessageContaining("missing");
  }
}
