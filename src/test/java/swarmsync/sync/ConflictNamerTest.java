package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

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
}
