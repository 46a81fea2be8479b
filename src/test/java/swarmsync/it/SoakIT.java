package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three daemons, all read-write and all connected, take random edits (writes and deletes on a
 * small pool of paths, so that edits collide) on every node at once for a bounded time
 * ({@code -Dsoak.seconds}, default 60; {@code -Dsoak.minutes=10} or {@code 60} for the long
 * runs), then go quiet. Then:
 * <ul>
 *   <li>the three trees are identical;
 *   <li>every file, under its name or as a conflict copy of it, holds a content this test wrote
 *       at that path (nothing torn, nothing invented);
 *   <li>nothing is lost: every content the test wrote is still there, under its path or as a
 *       conflict copy of it, unless the test itself later replaced or deleted it on a node where
 *       it was on disk (then the user knowingly overwrote it).
 * </ul>
 * The last rule is what "nothing lost" can strictly mean with version vectors: a write that a
 * later write on some node saw is legitimately gone (that later write's vector dominates it),
 * and any two writes that did not see each other are concurrent, so both must survive, one as a
 * conflict copy. The test knows which content a write replaced by reading the file, with its
 * inode, just before moving the new content over it, while no pull of that path is in flight
 * (no temp file), and by checking right before the rename that the inode is still the one read.
 *
 * <p>A concurrent edit must be kept as a conflict copy, where the user looks: one the puller
 * moved to the archive ({@code .sync/Archive}) instead is printed and failed on, apart from
 * writes found nowhere at all.
 */
class SoakIT {
  private static final Pattern CONFLICT = Pattern.compile(
      "\\.sync-conflict-\\d{8}-\\d{6}-[A-Z2-7]{7}(?:-\\d+)?");
  /** The stamp the archiver adds: {@code <base>~<yyyyMMdd-HHmmss>[-n]<.ext>}. */
  private static final Pattern ARCHIVED = Pattern.compile(
      "~\\d{8}-\\d{6}(?:-\\d+)?(?=\\.[^.]*$|$)");
  private static final int PATHS = 24;
  private static final Duration QUIESCENCE = Duration.ofMinutes(3);

  @TempDir Path dir;
  private DaemonGroup group;
  /** Every content written, by path: its text. */
  private final Map<String, Set<String>> written = new HashMap<>();
  /** Contents the test itself replaced or deleted where they were on disk. */
  private final Set<String> superseded = new HashSet<>();
  private int writes;
  private int deletes;

  @AfterEach
  void stop() throws Exception {
    if (group != null) {
      group.close();
    }
  }

  @Test
  void randomEditsOnThreeNodesEndIdenticalWithEveryConcurrentEditKept() throws Exception {
    long seed = Long.getLong("soak.seed", System.nanoTime());
    Duration length = Long.getLong("soak.minutes") != null
        ? Duration.ofMinutes(Long.getLong("soak.minutes"))
        : Duration.ofSeconds(Long.getLong("soak.seconds", 60));
    System.out.println("SoakIT seed " + seed + ", editing for " + length);
    Random random = new Random(seed);
    String key = Launcher.run("key", "new").assertOk().out().trim();
    group = new DaemonGroup(dir);
    List<Path> folders = new ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      folders.add(Files.createDirectories(dir.resolve(name)));
    }
    Daemon a = group.add("a", key, folders.get(0)).start();
    Daemon b = group.add("b", key, folders.get(1)).start(a);
    Daemon c = group.add("c", key, folders.get(2)).start(a, b);

    long end = System.nanoTime() + length.toNanos();
    int sequence = 0;
    while (System.nanoTime() < end) {
      int node = random.nextInt(3);
      Path root = folders.get(node);
      String path = "d" + random.nextInt(4) + "/p" + random.nextInt(PATHS) + ".txt";
      if (random.nextInt(10) == 0) {
        delete(root, path);
      } else {
        write(root, path, "abc".charAt(node) + "#" + (++sequence) + " " + random.nextLong()
            + "\n");
      }
      Thread.sleep(random.nextInt(40)); // the pace of edits, not a wait for anything
    }
    System.out.printf("SoakIT: %d writes and %d deletes on 3 nodes in %s%n", writes, deletes,
        length);

    long quiet = System.nanoTime();
    try {
      DaemonGroup.awaitIdentical(QUIESCENCE, folders.get(0), folders.get(1), a, b);
      DaemonGroup.awaitIdentical(QUIESCENCE, folders.get(0), folders.get(2), a, c);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      for (Daemon d : List.of(a, b, c)) {
        System.out.println("SoakIT: " + d.name + " at the timeout: " + d.folderStatus());
        Path keep = Path.of("target", "soak-" + d.name + ".log");
        Files.createDirectories(keep.getParent());
        Files.writeString(keep, d.log());
      }
      throw e;
    }
    assertThat(Trees.describe(folders.get(1))).isEqualTo(Trees.describe(folders.get(0)));
    Duration settle = Duration.ofNanos(System.nanoTime() - quiet);

    Map<String, String> files = contents(folders.get(0));
    int conflicts = 0;
    Set<String> present = new HashSet<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String original = CONFLICT.matcher(file.getKey()).replaceAll("");
      if (!original.equals(file.getKey())) {
        conflicts++;
      }
      assertThat(written.getOrDefault(original, Set.of()))
          .as(file.getKey() + " holds a content written at " + original)
          .contains(file.getValue());
      present.add(original + "\0" + file.getValue());
    }
    Set<String> archived = new HashSet<>();
    for (Path folder : folders) {
      archived.addAll(archivedContents(folder));
    }
    List<String> gone = new ArrayList<>();
    List<String> onlyArchived = new ArrayList<>();
    for (Map.Entry<String, Set<String>> path : written.entrySet()) {
      for (String content : path.getValue()) {
        String entry = path.getKey() + "\0" + content;
        if (!superseded.contains(content) && !present.contains(entry)) {
          (archived.contains(entry) ? onlyArchived : gone).add(path.getKey() + ": "
              + content.strip());
        }
      }
    }
    System.out.printf("SoakIT: settled in %d s; %d files of which %d conflict copies; "
        + "%d contents superseded by later edits; %d concurrent edits kept only in an archive:"
        + " %s%n", settle.toSeconds(), files.size(), conflicts, superseded.size(),
        onlyArchived.size(), onlyArchived);
    assertThat(gone).as("writes no later write saw, found nowhere at the end").isEmpty();
    assertThat(onlyArchived).as("concurrent edits archived instead of kept as conflict copies")
        .isEmpty();
  }

  /** Original path and content of every archived version under the folder's .sync/Archive. */
  private static Set<String> archivedContents(Path root) throws IOException {
    Set<String> out = new HashSet<>();
    Path archive = root.resolve(".sync/Archive");
    if (!Files.isDirectory(archive)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(archive)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String original = ARCHIVED.matcher(archive.relativize(p).toString()).replaceAll("");
        out.add(original + "\0" + Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Moves a new content over the path, noting the content it replaces. */
  private void write(Path root, String path, String content) throws IOException {
    Path staged = Files.createDirectories(dir.resolve("staging")).resolve("next");
    Files.writeString(staged, content);
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Optional<OnDisk> before = readIfNoPull(file);
    if (before.isEmpty() || !unchanged(file, before.get())) {
      return;
    }
    Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    before.get().content().ifPresent(superseded::add);
    written.computeIfAbsent(path, p -> new HashSet<>()).add(content);
    writes++;
  }

  private void delete(Path root, String path) throws IOException {
    Path file = root.resolve(path);
    Optional<OnDisk> before = readIfNoPull(file);
    if (before.isEmpty() || before.get().content().isEmpty() || !unchanged(file, before.get())) {
      return;
    }
    try {
      Files.delete(file);
    } catch (NoSuchFileException gone) {
      return;
    }
    superseded.add(before.get().content().get());
    deletes++;
  }

  /** What the test found at a path: the file's inode and content, both empty when absent. */
  private record OnDisk(Optional<Object> inode, Optional<String> content) {}

  /**
   * Reads the file at {@code file} with its inode; empty (edit skipped) while a pull of that
   * path is in flight or when the file changed during the read.
   */
  private static Optional<OnDisk> readIfNoPull(Path file) throws IOException {
    if (Files.exists(file.resolveSibling(".~swarmsync." + file.getFileName() + ".tmp"))) {
      return Optional.empty();
    }
    Optional<Object> inode = inode(file);
    if (inode.isEmpty()) {
      return Optional.of(new OnDisk(Optional.empty(), Optional.empty()));
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      return inode.equals(inode(file))
          ? Optional.of(new OnDisk(inode, Optional.of(content))) : Optional.empty();
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  /**
   * Whether the file is still the one read: the daemon places a pulled file by renaming a new
   * inode over it, so the same inode means the same content. This check right before the
   * rename leaves the test the same microsecond window between check and rename that the
   * daemon's puller has for a local program's write, and no more.
   */
  private static boolean unchanged(Path file, OnDisk before) throws IOException {
    return inode(file).equals(before.inode());
  }

  private static Optional<Object> inode(Path file) throws IOException {
    try {
      return Optional.of(Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /** Relative path to content of every file under root, .sync and temp files left out. */
  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(p).toString();
        if (!rel.startsWith(".sync/")) {
          out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
