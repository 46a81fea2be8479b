package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real daemons, one read-write and two read-only: what a read-only node edits, adds or deletes
 * reaches neither the writer nor the other read-only node; its status counts and its CLI lists
 * the local changes; {@code folder revert} brings the global version back and the local edits
 * are in its archive, byte for byte.
 */
class ReadOnlyEditsIT {
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readOnlyEditsStayLocalUntilRevertedAndTheRevertKeepsThemInTheArchive()
      throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    String readOnly = Launcher.run("key", "ro", key).assertOk().out().trim();
    Path frw = Files.createDirectories(dir.resolve("rw"));
    Path fro1 = Files.createDirectories(dir.resolve("ro1"));
    Path fro2 = Files.createDirectories(dir.resolve("ro2"));
    Trees.randomFile(frw.resolve("data/model.bin"), 2_000_000, 5);
    Files.writeString(frw.resolve("notes.txt"), "the global notes\n");
    Files.writeString(frw.resolve("todo.txt"), "the global todo\n");

    try (DaemonGroup group = new DaemonGroup(dir)) {
      Daemon rw = group.add("rw", key, frw);
      Daemon ro1 = group.add("ro1", readOnly, fro1);
      Daemon ro2 = group.add("ro2", readOnly, fro2);
      rw.start();
      ro1.start(rw);
      ro2.start(rw, ro1);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, frw, fro1, rw, ro1);
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, frw, fro2, ro2);
      Map<String, String> global = Trees.describe(frw);

      byte[] edit = "edited on ro1, stays there\n".repeat(1000).getBytes();
      Files.write(fro1.resolve("data/model.bin"), edit);
      Files.writeString(fro1.resolve("added-on-ro1.txt"), "only on ro1\n");
      Files.delete(fro1.resolve("todo.txt"));
      await().atMost(SYNC_TIMEOUT).ignoreExceptions().until(() ->
          ro1.folderStatus().get("locally_changed_files").asLong() == 3);
      assertThat(localChanges(ro1, fro1)).containsExactly(
          "added added-on-ro1.txt", "modified data/model.bin", "deleted todo.txt");

      // A change the writer makes after them reaches both read-only nodes (through the same
      // connections ro1's changes would have taken), and still nothing of ro1's arrived.
      Files.writeString(frw.resolve("marker.txt"), "written after ro1's edits\n");
      await().atMost(SYNC_TIMEOUT).ignoreExceptions().until(() ->
          Files.exists(fro1.resolve("marker.txt")) && Files.exists(fro2.resolve("marker.txt")));
      Map<String, String> withMarker = Trees.describe(frw);
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
          Trees.describe(frw).equals(withMarker) && Trees.describe(fro2).equals(withMarker));
      assertThat(withMarker).hasSize(global.size() + 1);
      for (Daemon d : List.of(rw, ro2)) {
        assertThat(d.log()).as("%s was never even offered ro1's changes", d.name)
            .doesNotContain("refusing");
        assertThat(d.folderStatus().get("locally_changed_files").asLong()).isZero();
      }

      Launcher.Result revert = Launcher.run("folder", "revert", "--home", ro1.home.toString(),
          fro1.toString()).assertOk();
      assertThat(revert.out()).contains("reverted 3 local changes");
      DaemonGroup.awaitIdentical(SYNC_TIMEOUT, frw, fro1, ro1);
      await().atMost(SYNC_TIMEOUT).ignoreExceptions().until(() ->
          ro1.folderStatus().get("locally_changed_files").asLong() == 0);
      JsonNode archived = JSON.readTree(Launcher.run("archive", "list", "--home",
          ro1.home.toString(), "--json", fro1.toString()).assertOk().out());
      assertThat(Files.readAllBytes(fro1.resolve(archivedPath(archived, "data/model.bin"))))
          .isEqualTo(edit);
      assertThat(fro1.resolve(archivedPath(archived, "added-on-ro1.txt")))
          .hasContent("only on ro1");

      ro2.close();
      Launcher.Result offline = Launcher.run("folder", "revert", "--home",
          ro2.home.toString(), fro2.toString());
      assertThat(offline.exit()).isNotZero();
      assertThat(offline.err().strip()).contains("needs the running daemon")
          .doesNotContain("\n");
    }
  }

  /** {@code folder local-changes --json}, as "change path" lines. */
  private static List<String> localChanges(Daemon d, Path folder) throws Exception {
    JsonNode list = JSON.readTree(Launcher.run("folder", "local-changes", "--home",
        d.home.toString(), "--json", folder.toString()).assertOk().out());
    List<String> lines = new ArrayList<>();
    list.forEach(c -> lines.add(c.get("change").asText() + " " + c.get("path").asText()));
    return lines;
  }

  private static String archivedPath(JsonNode archived, String original) {
    for (JsonNode v : archived) {
      if (v.get("original_path").asText().equals(original)) {
        return v.get("archived_path").asText();
      }
    }
    throw new AssertionError(original + " is not in the archive: " + archived);
  }
}
