package swarmsync.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
  private static final Duration SETTLE = Duration.ofMillis(100);

  @TempDir
  Path dir;

  private final List<Set<String>> batches = new CopyOnWriteArrayList<>();
  private FolderWatcher watcher;

  @AfterEach
  void stop() throws IOException {
    watcher.close();
  }

  private void startWatching() throws IOException {
    watcher = new FolderWatcher(dir, SETTLE, batches::add, () -> batches.add(Set.of("*")));
    watcher.start();
  }

  @Test
  void burstOfWritesToOneFileArrivesAsOneBatchWithOnePath() throws IOException {
    Files.createDirectories(dir.resolve("sub"));
    startWatching();
    for (int i = 0; i < 20; i++) {
      Files.writeString(dir.resolve("sub/f"), "version " + i);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
    assertThat(batches.get(0)).containsExactly("sub/f");
  }

  @Test
  void filesInNewDirectoriesAreSeenToo() throws IOException {
    startWatching();
    Files.createDirectories(dir.resolve("new"));
    await().atMost(Duration.ofSeconds(5)).until(() -> flat().contains("new"));
    Files.writeString(dir.resolve("new/inner"), "x");
    await().atMost(Duration.ofSeconds(5)).until(() -> flat().contains("new/inner"));
  }

  @Test
  void syncDirectoryAndTempFilesAreIgnored() throws IOException {
    Files.createDirectories(dir.resolve(".sync"));
    startWatching();
    Files.writeString(dir.resolve(".sync/index"), "x");
    Files.writeString(dir.resolve(".~swarmsync.f.tmp"), "x");
    Files.writeString(dir.resolve("real"), "x");
    await().atMost(Duration.ofSeconds(5)).until(() -> flat().contains("real"));
    assertThat(flat()).containsExactly("real");
  }

  @Test
  void deletionsAreReported() throws IOException {
    Files.writeString(dir.resolve("doomed"), "x");
    startWatching();
    Files.delete(dir.resolve("doomed"));
    await().atMost(Duration.ofSeconds(5)).until(() -> flat().contains("doomed"));
  }

  private List<String> flat() {
    return batches.stream().flatMap(Set::stream).distinct().toList();
  }
}
