package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's memory does not grow with the folder: 100,000 files in a 256 MiB heap. */
class ManyFilesScanIT {
  private static final int DIRECTORIES = 100;
  private static final int FILES_PER_DIRECTORY = 1000;
  /** Live paths the index streams that are not on disk: deletions to report. */
  private static final int GONE = 20_000;

  @TempDir
  Path dir;

  @Test
  void hundredThousandTinyFilesScanInA256MibHeap() throws Exception {
    for (int d = 0; d < DIRECTORIES; d++) {
      Path sub = Files.createDirectory(dir.resolve("d" + d));
      for (int f = 0; f < FILES_PER_DIRECTORY; f++) {
        Files.write(sub.resolve("f" + f), ("file " + d + "/" + f).getBytes(StandardCharsets.UTF_8));
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), ScanManyFilesMain.class.getName(),
        dir.toString(), String.valueOf(DIRECTORIES * FILES_PER_DIRECTORY),
        String.valueOf(GONE))
        .redirectErrorStream(true)
        .start();
    String output = readAll(process);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("filesHashed=100000", "deleted=20000", "maxHeapMiB=256");
  }

  private static String readAll(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
