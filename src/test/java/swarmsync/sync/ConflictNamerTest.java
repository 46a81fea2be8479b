package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import swarmsync.fs.MemoryFolderFs;

class ConflictNamerTest {
  private static final Instant WHEN = Instant.parse("2026-11-25T14:03:09Z");

  @Test
  void conflictCopyKeepsDirectoryAndExtension() {
    assertThat(ConflictNamer.name("docs/report.final.pdf", WHEN, "ABCDEFG"))
        .isEqualTo("docs/report.final.sync-conflict-20261125-140309-ABCDEFG.pdf");
  }

  @Test
  void namesWithoutExtensionOrDotFilesGetTheSuffixAtTheEnd() {
    assertThat(ConflictNamer.name("Makefile", WHEN, "X"))
        .isEqualTo("Makefile.sync-conflict-20261125-140309-X");
    assertThat(ConflictNamer.name("a/.bashrc", WHEN, "X"))
        .isEqualTo("a/.bashrc.sync-conflict-20261125-140309-X");
  }

  @Test
  void aTakenNameGetsTheNextNumberSoNoCopyReplacesAnother() throws IOException {
    MemoryFolderFs fs = new MemoryFolderFs();
    fs.createDirectories("docs");
    assertThat(ConflictNamer.free(fs, "docs/a.txt", WHEN, "ABCDEFG"))
        .isEqualTo("docs/a.sync-conflict-20261125-140309-ABCDEFG.txt");
    touch(fs, "docs/a.sync-conflict-20261125-140309-ABCDEFG.txt");
    assertThat(ConflictNamer.free(fs, "docs/a.txt", WHEN, "ABCDEFG"))
        .isEqualTo("docs/a.sync-conflict-20261125-140309-ABCDEFG-2.txt");
    touch(fs, "docs/a.sync-conflict-20261125-140309-ABCDEFG-2.txt");
    assertThat(ConflictNamer.free(fs, "docs/a.txt", WHEN, "ABCDEFG"))
        .isEqualTo("docs/a.sync-conflict-20261125-140309-ABCDEFG-3.txt");
    assertThat(ConflictNamer.free(fs, "docs/a.txt", WHEN.plusSeconds(1), "ABCDEFG"))
        .isEqualTo("docs/a.sync-conflict-20261125-140310-ABCDEFG.txt");
  }

  @Test
  void givesUpWithAClearErrorWhenEveryNumberIsTaken() throws IOException {
    MemoryFolderFs fs = new MemoryFolderFs();
    touch(fs, "Makefile.sync-conflict-20261125-140309-X");
    for (int n = 2; n <= ConflictNamer.MAX_TRIES; n++) {
      touch(fs, "Makefile.sync-conflict-20261125-140309-X-" + n);
    }
    assertThatThrownBy(() -> ConflictNamer.free(fs, "Makefile", WHEN, "X"))
        .isInstanceOf(IOException.class)
        .hasMessage("no free conflict name for Makefile: 1000 copies from X at 20261125-140309"
            + " exist");
  }

  private static void touch(MemoryFolderFs fs, String path) throws IOException {
    fs.openWrite(path, true).close();
  }
}
