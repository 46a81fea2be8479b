package swarmsync.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.NioFolderFs;

class ArchiveCatalogTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-02T11:30:15Z");

  @TempDir Path dir;

  private Archiver archiverAt(Instant at) {
    return new Archiver(new NioFolderFs(dir), Clock.fixed(at, ZoneOffset.UTC));
  }

  private ArchiveCatalog catalogAt(Instant at) {
    return new ArchiveCatalog(new NioFolderFs(dir), archiverAt(at));
  }

  private void write(String path, String content) throws IOException {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.writeString(dir.resolve(path), content);
  }

  @Test
  void emptyFolderHasAnEmptyArchive() throws Exception {
    assertThat(catalogAt(T1).list()).isEmpty();
  }

  @Test
  void archivedVersionsAreListedWithOriginalPathTimeAndSizeNewestFirst() throws Exception {
    write("docs/report.v2.txt", "first");
    archiverAt(T1).archive("docs/report.v2.txt");
    write("docs/report.v2.txt", "second!");
    archiverAt(T2).archive("docs/report.v2.txt");
    write(".bashrc", "rc");
    archiverAt(T1).archive(".bashrc");
    write("Makefile", "all:");
    archiverAt(T1).archive("Makefile");

    List<ArchivedVersion> list = catalogAt(T2).list();

    assertThat(list).extracting(ArchivedVersion::originalPath).containsExactly(".bashrc",
        "Makefile", "docs/report.v2.txt", "docs/report.v2.txt");
    assertThat(list.get(2)).isEqualTo(new ArchivedVersion(
        ".sync/Archive/docs/report.v2~20260302-113015.txt", "docs/report.v2.txt", T2, 7));
    assertThat(list.get(3).archivedAt()).isEqualTo(T1);
    assertThat(list.get(3).size()).isEqualTo(5);
  }

  @Test
  void versionsArchivedInTheSameSecondAreAllListed() throws Exception {
    for (int i = 0; i < 3; i++) {
      write("a.txt", "v" + i);
      archiverAt(T1).archive("a.txt");
    }

    assertThat(catalogAt(T1).list()).hasSize(3)
        .allSatisfy(v -> assertThat(v.originalPath()).isEqualTo("a.txt"));
  }

  @Test
  void restoreMovesTheVersionBackAndArchivesTheCurrentFileFirst() throws Exception {
    write("notes/todo.txt", "old content");
    String archived = archiverAt(T1).archive("notes/todo.txt");
    write("notes/todo.txt", "current content");

    String restored = catalogAt(T2).restore(archived);

    assertThat(restored).isEqualTo("notes/todo.txt");
    assertThat(Files.readString(dir.resolve("notes/todo.txt"))).isEqualTo("old content");
    assertThat(catalogAt(T2).list()).singleElement().satisfies(v -> {
      assertThat(v.originalPath()).isEqualTo("notes/todo.txt");
      assertThat(v.archivedAt()).isEqualTo(T2);
      assertThat(Files.readString(dir.resolve(v.archivedPath()))).isEqualTo("current content");
    });
  }

  @Test
  void restoreOfADeletedFileRecreatesItsDirectories() throws Exception {
    write("gone/deep/file.bin", "bytes");
    String archived = archiverAt(T1).archive("gone/deep/file.bin");
    Files.delete(dir.resolve("gone/deep"));
    Files.delete(dir.resolve("gone"));

    catalogAt(T2).restore(archived);

    assertThat(dir.resolve("gone/deep/file.bin")).hasContent("bytes");
    assertThat(catalogAt(T2).list()).isEmpty();
  }

  @Test
  void restoreOverADirectoryFailsAndKeepsTheVersion() throws Exception {
    write("x.txt", "v1");
    String archived = archiverAt(T1).archive("x.txt");
    Files.createDirectories(dir.resolve("x.txt"));

    assertThatThrownBy(() -> catalogAt(T2).restore(archived)).isInstanceOf(IOException.class)
        .hasMessageContaining("x.txt is a directory now");
    assertThat(dir.resolve(archived)).hasContent("v1");
  }

  @Test
  void restoreRefusesPathsOutsideTheArchive() {
    assertThatThrownBy(() -> catalogAt(T1).restore("x.txt"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.txt");
    assertThatThrownBy(() -> catalogAt(T1).restore(".sync/Archive/../../etc~20260101-000000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void restoreOfAMissingVersionFailsClearly() {
    assertThatThrownBy(() -> catalogAt(T1).restore(".sync/Archive/no~20260101-000000.txt"))
        .isInstanceOf(IOException.class).hasMessageContaining("no archived file there");
  }
}
