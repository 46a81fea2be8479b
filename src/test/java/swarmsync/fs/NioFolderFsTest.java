package swarmsync.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioFolderFsTest {
  @TempDir
  Path dir;

  @Test
  void reportsTheFreeSpaceOfTheRootsFilesystemOnEveryCall() throws IOException {
    NioFolderFs fs = new NioFolderFs(dir);
    long slack = 256L << 20; // other programs may write or delete meanwhile
    for (int i = 0; i < 3; i++) {
      long direct = Files.getFileStore(dir).getUsableSpace();
      assertThat(fs.usableSpace()).isPositive().isBetween(direct - slack, direct + slack);
    }
  }

  @Test
  void refusesAbsoluteDotDotAndEmptySegments() {
    NioFolderFs fs = new NioFolderFs(dir);
    for (String bad : List.of("/etc/passwd", "a/../../x", "..", "a//b", "a/", "./a")) {
      assertThatThrownBy(() -> fs.stat(bad)).isInstanceOf(UnsafePathException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void refusesPathsThroughASymlinkButStatsTheLinkItself() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "x");
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.createSymbolicLink(folder.resolve("link"), outside);
    NioFolderFs fs = new NioFolderFs(folder);

    assertThatThrownBy(() -> fs.openRead("link/secret")).isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("'link' is a symlink");
    assertThatThrownBy(() -> fs.openWrite("link/new", true))
        .isInstanceOf(UnsafePathException.class);
    FileMeta link = fs.stat("link").orElseThrow();
    assertThat(link.kind()).isEqualTo(FileMeta.Kind.SYMLINK);
    assertThat(link.symlinkTarget()).isEqualTo(outside.toString());
    assertThatThrownBy(() -> fs.openRead("link")).isInstanceOf(IOException.class);
  }

  @Test
  void statReportsSizeNanosecondMtimePermissionsAndInode() throws IOException {
    NioFolderFs fs = new NioFolderFs(dir);
    fs.createDirectories("a/b");
    try (FileChannel ch = fs.openWrite("a/b/f", true)) {
      ch.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
    }
    long mtime = 1_700_000_000_123_456_789L;
    fs.setMtime("a/b/f", mtime);
    fs.setPermissions("a/b/f", 0640);

    FileMeta meta = fs.stat("a/b/f").orElseThrow();
    assertThat(meta.kind()).isEqualTo(FileMeta.Kind.FILE);
    assertThat(meta.size()).isEqualTo(5);
    assertThat(meta.mtimeNanos()).isEqualTo(mtime);
    assertThat(meta.permissions()).isEqualTo(0640);
    assertThat(meta.fileKey()).contains("ino=");
    assertThat(fs.stat("a/b/missing")).isEmpty();
    assertThat(fs.stat("a/b/f/under-a-file")).isEmpty();
    assertThat(fs.stat("a").orElseThrow().kind()).isEqualTo(FileMeta.Kind.DIRECTORY);
  }

  @Test
  void renameReplacesAtomicallyAndKeepsTheInode() throws IOException {
    NioFolderFs fs = new NioFolderFs(dir);
    Files.writeString(dir.resolve("new"), "new");
    Files.writeString(dir.resolve("old"), "old");
    String key = fs.stat("new").orElseThrow().fileKey();

    fs.rename("new", "old");
    fs.syncDirectory("");

    assertThat(Files.readString(dir.resolve("old"))).isEqualTo("new");
    assertThat(fs.stat("old").orElseThrow().fileKey()).isEqualTo(key);
    assertThat(fs.stat("new")).isEmpty();
  }

  @Test
  void walkVisitsEverythingDepthFirstAndSkipsWhatTheVisitorDeclines() throws IOException {
    NioFolderFs fs = new NioFolderFs(dir);
    fs.createDirectories("a/b");
    fs.createDirectories("skip/deep");
    Files.writeString(dir.resolve("a/b/f"), "x");
    Files.writeString(dir.resolve("skip/deep/g"), "x");
    fs.createSymlink("a/l", "b");
    List<String> seen = new ArrayList<>();

    fs.walk("", (path, meta) -> {
      seen.add(path);
      return !path.equals("skip");
    });

    assertThat(seen).containsExactlyInAnyOrder("a", "a/b", "a/b/f", "a/l", "skip");
    assertThat(seen.indexOf("a")).isLessThan(seen.indexOf("a/b"));
  }

  @Test
  void deleteRemovesLinksNotTheirTargets() throws IOException {
    NioFolderFs fs = new NioFolderFs(dir);
    Files.writeString(dir.resolve("target"), "x");
    fs.createSymlink("link", "target");
    fs.delete("link");
    fs.delete("never-there");
    assertThat(dir.resolve("target")).exists();
    assertThat(fs.stat("link")).isEmpty();
  }
}
