package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain of real daemons, RW -> RO1 -> RO2: the read-only RO1 receives everything from the
 * writer; the writer stops and RO1 restarts; RO2, which knows only RO1's address, receives
 * the whole folder from RO1, byte for byte, with every record's signature (the writer's, passed
 * on by RO1 with the folder's public key) verified. Also: the keys each node may hand out.
 */
class ReadOnlyChainIT {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aReadOnlyNodeServesTheWholeFolderToAnotherAfterTheWriterStopped() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    String readOnly = Launcher.run("key", "ro", key).assertOk().out().trim();
    String encrypted = Launcher.run("key", "encrypted", key).assertOk().out().trim();
    Path frw = Files.createDirectories(dir.resolve("rw"));
    Path fro1 = Files.createDirectories(dir.resolve("ro1"));
    Path fro2 = Files.createDirectories(dir.resolve("ro2"));
    Trees.smallFiles(frw, 60, 7);
    Trees.randomFile(frw.resolve("media/video.bin"), 6_000_000, 3);
    Files.createDirectories(frw.resolve("empty/dir"));
    Files.writeString(frw.resolve("readme.txt"), "signed by the writer\n");

    try (DaemonGroup group = new DaemonGroup(dir)) {
      Daemon rw = group.add("rw", key, frw);
      Daemon ro1 = group.add("ro1", readOnly, fro1);
      Daemon ro2 = group.add("ro2", readOnly, fro2);
      rw.start();
      ro1.start(rw);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, frw, fro1, rw, ro1);

      rw.close();
      assertThat(keys(rw, frw)).containsExactly("rw " + key, "ro " + readOnly,
          "encrypted " + encrypted);
      // Restarted with no writer anywhere, RO1 still knows the folder's public key.
      ro1.close();
      ro1.start();

      ro2.start(ro1);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, frw, fro2, ro2);
      JsonNode status = ro2.folderStatus();
      assertThat(status.get("key_kind").asText()).isEqualTo("ro");
      assertThat(status.get("peers")).singleElement().satisfies(p -> assertThat(
          p.get("address").asText()).endsWith(":" + ro1.port));
      assertThat(status.get("locally_changed_files").asLong()).isZero();
      assertThat(ro2.log()).as("every record RO1 passed on verified")
          .doesNotContain("refusing").doesNotContain("public key is not known");
      assertThat(keys(ro1, fro1)).containsExactly("ro " + readOnly, "encrypted " + encrypted);
      for (Daemon d : List.of(rw, ro1, ro2)) {
        assertThat(d.log()).as("keys are never logged").doesNotContain(key)
            .doesNotContain(readOnly).doesNotContain(encrypted);
      }
    }
  }

  /** {@code folder keys --json} of a node's folder, as "kind key" lines. */
  private static List<String> keys(Daemon d, Path folder) throws Exception {
    JsonNode view = JSON.readTree(Launcher.run("folder", "keys", "--home", d.home.toString(),
        "--json", folder.toString()).assertOk().out());
    assertThat(view.get("path").asText()).isEqualTo(folder.toString());
    List<String> lines = new ArrayList<>();
    view.get("keys").forEach(k -> lines.add(k.get("kind").asText() + " "
        + k.get("key").asText()));
    return lines;
  }
}
