package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.keys.FolderKey;
import swarmsync.protocol.Message;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * Paths from a peer are untrusted: a {@link HostilePeer} holding the folder's read-write key
 * (so every record is validly signed: the point is the path) sends each bad path of
 * docs/ignore-and-archive.md's table to a real daemon, next to good files. The daemon writes
 * nothing outside its folder and nothing at all for a refused name, logs each refusal with
 * its reason, and brings in the good files of the same index. Chunk requests for paths
 * outside the folder, or through a symlink, are answered with an error and no byte.
 */
class HostilePathsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private Daemon victim;

  @AfterEach
  void stop() throws Exception {
    if (victim != null) {
      victim.close();
    }
  }

  /** A refused path and the reason the daemon's log must give for it. */
  private record Bad(String path, String reason) {}

  @Test
  void eachBadPathIsRefusedWithItsReasonAndTheGoodFilesBesideThemSync() throws Exception {
    String key = Launcher.run("key", "new").assertOk().out().trim();
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path folder = Files.createDirectories(dir.resolve("folder"));
    Files.writeString(folder.resolve("Readme.txt"), "the local readme\n");
    Files.createSymbolicLink(folder.resolve("escape"), outside);
    Path secret = Files.writeString(Files.createDirectories(dir.resolve("private"))
        .resolve("secret.txt"), "secret\n");
    Files.createSymbolicLink(folder.resolve("leak"), secret);
    DaemonGroup group = new DaemonGroup(dir);
    victim = group.add("victim", key, folder).start();

    List<Bad> bad = badPaths(outside);
    Map<String, String> good = new LinkedHashMap<>();
    good.put("good.txt", "a good file\n");
    good.put("good dir/nested/file.txt", "nested\n");
    good.put("Ünïcödé ok – ☃.txt", "unicode names are fine\n");
    good.put("NEW.txt", "first of two names that differ only in case\n");

    try (HostilePeer hostile = HostilePeer.join(address(victim), FolderKey.parse(key))
        .awaitIndex()) {
      List<FileRecord> records = new ArrayList<>();
      long counter = 1;
      for (Bad b : bad) {
        byte[] content = ("must not be written: " + b.reason() + "\n")
            .getBytes(StandardCharsets.UTF_8);
        hostile.serve(b.path(), content);
        records.add(hostile.signed(HostilePeer.file(b.path(), content, counter++)));
      }
      for (Map.Entry<String, String> g : good.entrySet()) {
        byte[] content = g.getValue().getBytes(StandardCharsets.UTF_8);
        hostile.serve(g.getKey(), content);
        records.add(hostile.signed(HostilePeer.file(g.getKey(), content, counter++)));
      }
      // Crafted chunk data: a good path whose served bytes do not match the signed hash.
      byte[] promised = "the content the record promises\n".getBytes(StandardCharsets.UTF_8);
      hostile.serve("crafted-chunk.txt", "other bytes, same length, wrong hash\n"
          .getBytes(StandardCharsets.UTF_8));
      records.add(hostile.signed(HostilePeer.file("crafted-chunk.txt", promised, counter++)));
      // Symlinks sync as links, never followed: the link lands, what goes through it does not.
      records.add(hostile.signed(HostilePeer.symlink("link-out", outside.toString(),
          counter)));
      hostile.sendIndex(records);

      await().atMost(TIMEOUT).untilAsserted(() -> {
        for (Map.Entry<String, String> g : good.entrySet()) {
          Path file = folder.resolve(g.getKey());
          assertThat(file).as(g.getKey()).exists();
          assertThat(Files.readString(file)).isEqualTo(g.getValue());
        }
        assertThat(Files.readSymbolicLink(folder.resolve("link-out")))
            .isEqualTo(outside);
      });
      await().atMost(TIMEOUT).untilAsserted(() -> {
        String log = victim.log();
        for (Bad b : bad) {
          assertThat(refusals(log, b.path())).as("refusal of " + printable(b.path()))
              .anyMatch(line -> line.contains(b.reason()));
        }
        assertThat(log).contains("of crafted-chunk.txt from device", "refused: hash mismatch");
        // Names refused when pulled are per-file errors in the status, not a folder failure.
        var fileErrors = victim.folderStatus().path("file_errors");
        assertThat(fileErrors.path("README.txt").asText()).contains("differs only in case");
        assertThat(fileErrors.path("link-out/through-remote-link.txt").asText())
            .contains("'link-out' is a symlink");
        assertThat(victim.folderStatus().path("error").asText()).isEmpty();
      });
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> {
            assertThat(tree(outside)).as("nothing is written outside the folder").isEmpty();
            Map<String, String> expected = new TreeMap<>();
            expected.put("Readme.txt", "the local readme\n");
            expected.put("escape", "-> " + outside);
            expected.put("link-out", "-> " + outside);
            expected.put("leak", "-> " + secret);
            expected.put("good dir", "dir");
            expected.put("good dir/nested", "dir");
            good.forEach(expected::put);
            Map<String, String> here = tree(folder);
            Map<String, String> temps = new TreeMap<>(here);
            temps.keySet().removeIf(p -> !isTemp(p));
            here.keySet().removeIf(HostilePathsIT::isTemp);
            assertThat(here).as("the good files and nothing else").isEqualTo(expected);
            assertThat(temps.values()).as("hidden temp files hold nothing refused")
                .noneMatch(c -> c.contains("must not be written") || c.contains("other bytes"));
          });
      ChunkHash anyHash = ChunkHash.of(new byte[ChunkHash.LENGTH]);
      for (String path : List.of("../private/secret.txt", secret.toString(),
          "escape/../../private/secret.txt", "leak", "escape/secret.txt")) {
        Message.Response answer = HostilePeer.await(hostile.request(path, 0, 7, anyHash));
        assertThat(answer.code()).as("request for " + path)
            .isNotEqualTo(Message.ResponseCode.NO_ERROR);
        assertThat(answer.data()).as("request for " + path).isEmpty();
      }
      assertThat(hostile.isClosed()).as("bad paths refuse files, not the connection")
          .isFalse();
    }
  }

  /** Every bad path of the table in docs/ignore-and-archive.md, with its logged reason. */
  private static List<Bad> badPaths(Path outside) {
    return List.of(
        new Bad(outside.resolve("absolute.txt").toString(), "absolute path"),
        new Bad("C:/windows-absolute.txt", "absolute path"),
        new Bad("../outside/dotdot.txt", "'..' segment"),
        new Bad("sub/../../outside/dotdot-inner.txt", "'..' segment"),
        new Bad("./dot.txt", "'.' segment"),
        new Bad("double//slash.txt", "empty path segment"),
        new Bad("nul\u0000byte.txt", "control character in name"),
        new Bad("bell\u0007.txt", "control character in name"),
        new Bad("line\nfeed.txt", "control character in name"),
        new Bad("del\u007f.txt", "control character in name"),
        new Bad("CON", "is reserved on Windows"),
        new Bad("NUL.txt", "is reserved on Windows"),
        new Bad("sub/com1.log", "is reserved on Windows"),
        new Bad("lpt9", "is reserved on Windows"),
        new Bad("trailing-dot.", "ends with a space or dot"),
        new Bad("trailing-space ", "ends with a space or dot"),
        new Bad("less<.txt", "is invalid on Windows"),
        new Bad("greater>.txt", "is invalid on Windows"),
        new Bad("colon:.txt", "is invalid on Windows"),
        new Bad("quote\".txt", "is invalid on Windows"),
        new Bad("pipe|.txt", "is invalid on Windows"),
        new Bad("question?.txt", "is invalid on Windows"),
        new Bad("star*.txt", "is invalid on Windows"),
        new Bad("back\\slash.txt", "is invalid on Windows"),
        new Bad("n".repeat(256), "name longer than 255 bytes"),
        new Bad("é".repeat(128) + ".txt", "name longer than 255 bytes"),
        new Bad(".sync/IgnoreList", "swarmsync's own path"),
        new Bad("sub/.~swarmsync.planted.tmp", "swarmsync's own path"),
        new Bad("escape/through-local-link.txt", "'escape' is a symlink"),
        new Bad("link-out/through-remote-link.txt", "'link-out' is a symlink"),
        new Bad("README.txt", "differs only in case from 'Readme.txt'"),
        new Bad("New.txt", "differs only in case from 'NEW.txt'"));
  }

  /** Log lines that refuse {@code path} (control characters shown as '?', as the log does). */
  private static List<String> refusals(String log, String path) {
    String shown = printable(path);
    return log.lines().filter(l -> l.contains("refusing") && l.contains(shown)).toList();
  }

  /** A hidden temp file of a pull in progress (crafted-chunk.txt's stays: it never completes). */
  private static boolean isTemp(String path) {
    return path.substring(path.lastIndexOf('/') + 1).startsWith(".~swarmsync.");
  }

  private static String printable(String path) {
    return path.replaceAll("\\p{Cntrl}", "?");
  }

  /** Relative path to content, "dir" or "-> target" for everything under root but .sync. */
  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String rel = root.relativize(p).toString();
        if (rel.isEmpty() || rel.equals(".sync") || rel.startsWith(".sync/")) {
          continue;
        }
        tree.put(rel, Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.readString(p));
      }
    }
    return tree;
  }

  private static InetSocketAddress address(Daemon d) {
    return new InetSocketAddress("127.0.0.1", d.port);
  }
}
