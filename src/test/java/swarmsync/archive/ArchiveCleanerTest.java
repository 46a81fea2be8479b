package swarmsync.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FolderFs;
import swarmsync.fs.NioFolderFs;

class ArchiveCleanerTest {
  private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

  @TempDir Path dir;

  private String archive(String path, int bytes, Instant at) throws IOException {
    Files.createDirectories(dir.resolve(path).getParent());
    Files.write(dir.resolve(path), new byte[bytes]);
    return new Archiver(new NioFolderFs(dir), Clock.fixed(at, ZoneOffset.UTC)).archive(path);
  }

  private ArchiveCleaner cleaner(Duration maxAge, long cap) {
    FolderFs fs = new NioFolderFs(dir);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    return new ArchiveCleaner(fs, new ArchiveCatalog(fs, new Archiver(fs, clock)), clock,
        maxAge, cap);
  }

  @Test
  void versionsOlderThanTheMaximumAgeAreDeletedAndYoungerOnesKept() throws Exception {
    String old = archive("a/old.txt", 10, NOW.minus(Duration.ofDays(31)));
    String young = archive("a/young.txt", 10, NOW.minus(Duration.ofDays(29)));

    ArchiveCleaner.Result result = cleaner(ArchiveCleaner.DEFAULT_MAX_AGE,
        ArchiveCleaner.NO_SIZE_CAP).clean();

    assertThat(result).isEqualTo(new ArchiveCleaner.Result(1, 10));
    assertThat(dir.resolve(old)).doesNotExist();
    assertThat(dir.resolve(young)).exists();
  }

  @Test
  void overTheSizeCapTheOldestVersionsGoFirst() throws Exception {
    String first = archive("f1.bin", 400, NOW.minus(Duration.ofHours(3)));
    String second = archive("sub/f2.bin", 400, NOW.minus(Duration.ofHours(2)));
    String third = archive("f3.bin", 400, NOW.minus(Duration.ofHours(1)));

    ArchiveCleaner.Result result = cleaner(ArchiveCleaner.DEFAULT_MAX_AGE, 900).clean();

    assertThat(result).isEqualTo(new ArchiveCleaner.Result(1, 400));
    assertThat(dir.resolve(first)).doesNotExist();
    assertThat(dir.resolve(second)).exists();
    assertThat(dir.resolve(third)).exists();
  }

  @Test
  void directoriesLeftEmptyAreRemovedButTheArchiveItselfStays() throws Exception {
    archive("deep/er/x.txt", 1, NOW.minus(Duration.ofDays(60)));
    archive("deep/y.txt", 1, NOW.minusSeconds(1));

    cleaner(ArchiveCleaner.DEFAULT_MAX_AGE, ArchiveCleaner.NO_SIZE_CAP).clean();

    assertThat(dir.resolve(".sync/Archive/deep/er")).doesNotExist();
    assertThat(dir.resolve(".sync/Archive/deep")).isDirectory();

    cleaner(Duration.ZERO, ArchiveCleaner.NO_SIZE_CAP).clean();

    assertThat(dir.resolve(".sync/Archive/deep")).doesNotExist();
    assertThat(dir.resolve(".sync/Archive")).isDirectory();
  }

  @Test
  void cleaningAnEmptyOrMissingArchiveDoesNothing() throws Exception {
    assertThat(cleaner(Duration.ZERO, 0).clean()).isEqualTo(new ArchiveCleaner.Result(0, 0));
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThatThrownBy(() -> cleaner(Duration.ofDays(-1), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-24H");
  }
}
