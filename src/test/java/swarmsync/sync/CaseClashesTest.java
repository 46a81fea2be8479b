package swarmsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import swarmsync.fs.MemoryFolderFs;

class CaseClashesTest {
  private MemoryFolderFs fs;
  private CaseClashes clashes;

  @BeforeEach
  void folder() throws Exception {
    fs = new MemoryFolderFs();
    fs.createDirectories("docs");
    try (FileChannel c = fs.openWrite("Readme.txt", true)) {
      c.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    }
    fs.createSymlink("link", "/elsewhere");
    clashes = new CaseClashes(fs);
  }

  @Test
  void aNameDifferingOnlyInCaseFromOneOnDiskIsRefused() {
    assertThat(clashes.clash("README.txt"))
        .contains("differs only in case from 'Readme.txt'");
  }

  @Test
  void theExactNameOnDiskIsNoClash() {
    assertThat(clashes.clash("Readme.txt")).isNull();
    assertThat(clashes.clash("docs/new.txt")).isNull();
  }

  @Test
  void aDirectoryDifferingInCaseRefusesEverythingBelowIt() {
    assertThat(clashes.clash("Docs/a.txt")).contains("'Docs' differs only in case from 'docs'");
  }

  @Test
  void ofTwoNewNamesInOnePassTheSecondIsRefused() {
    assertThat(clashes.clash("new/NEW.txt")).isNull();
    assertThat(clashes.clash("new/New.txt"))
        .contains("'new/New.txt' differs only in case from 'new/NEW.txt'");
    assertThat(clashes.clash("new/NEW.txt")).as("the first stays fine").isNull();
  }

  @Test
  void namesEqualAfterUnicodeNormalizationClash() {
    assertThat(clashes.clash("caf\u00e9.txt")).isNull();
    assertThat(clashes.clash("cafe\u0301.txt")).contains("differs only in case");
  }

  @Test
  void aSymlinkIsNeverListedThrough() {
    assertThat(clashes.clash("link/x")).isNull();
    assertThat(clashes.clash("LINK")).contains("'link'");
  }
}
