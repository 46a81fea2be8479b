package swarmsync.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.fs.FaultyFolderFs;
import swarmsync.fs.FolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.FileType;

class ScannerTest {
  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final RecordingSink sink = new RecordingSink();
  /** Each append moves the mtime a further second on, so every change is visible to stat. */
  private final AtomicInteger mtimeBumps = new AtomicInteger();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Scanner scanner(FolderFs fs) {
    return new Scanner(fs, path -> path.endsWith(".ignored"), pool);
  }

  private void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void newFilesDirectoriesAndSymlinksAreReported() throws Exception {
    write("a/b/hello.txt", "hello");
    Files.createSymbolicLink(dir.resolve("link"), Path.of("a/b/hello.txt"));

    ScanStats stats = scanner(new NioFolderFs(dir)).scanAll(sink, sink);

    assertThat(sink.changed.keySet()).containsExactlyInAnyOrder("a", "a/b", "a/b/hello.txt",
        "link");
    ScannedFile hello = sink.changed.get("a/b/hello.txt");
    assertThat(hello.type()).isEqualTo(FileType.FILE);
    assertThat(hello.size()).isEqualTo(5);
    assertThat(hello.chunks()).containsExactly(new ChunkRef(0, 5, ChunkHash.of(
        MessageDigest.getInstance("SHA-256").digest("hello".getBytes()))));
    assertThat(sink.changed.get("link").symlinkTarget()).isEqualTo("a/b/hello.txt");
    assertThat(sink.changed.get("a").chunks()).isEmpty();
    assertThat(stats.filesSeen()).isEqualTo(4);
    assertThat(stats.filesHashed()).isEqualTo(1);
    assertThat(stats.bytesHashed()).isEqualTo(5);
  }

  @Test
  void unchangedFilesAreNotReadAgain() throws Exception {
    write("same", "same");
    write("edited", "before");
    AtomicInteger opens = new AtomicInteger();
    FaultyFolderFs counting = new FaultyFolderFs(new NioFolderFs(dir));
    counting.afterEachRead("same", opens::incrementAndGet);
    Scanner scanner = scanner(counting);
    scanner.scanAll(sink, sink);
    int readsOfFirstScan = opens.get();
    sink.clear();
    write("edited", "after, longer");

    ScanStats stats = scanner.scanAll(sink, sink);

    assertThat(readsOfFirstScan).isPositive();
    assertThat(opens.get()).isEqualTo(readsOfFirstScan);
    assertThat(sink.changed.keySet()).containsExactly("edited");
    assertThat(stats.filesHashed()).isEqualTo(1);
  }

  @Test
  void fileModifiedWhileBeingReadIsReadAgainAndReportedAsItEnds() throws Exception {
    write("busy", "first");
    FaultyFolderFs fs = new FaultyFolderFs(new NioFolderFs(dir));
    AtomicInteger reads = new AtomicInteger();
    fs.afterEachRead("busy", () -> {
      if (reads.incrementAndGet() == 1) {
        append("busy", " and more");
      }
    });

    ScanStats stats = scanner(fs).scanAll(sink, sink);

    ScannedFile busy = sink.changed.get("busy");
    assertThat(busy.size()).isEqualTo("first and more".length());
    assertThat(busy.chunks()).containsExactly(new ChunkRef(0, 14, ChunkHash.of(
        MessageDigest.getInstance("SHA-256").digest("first and more".getBytes()))));
    assertThat(stats.filesNotScanned()).isZero();
  }

  @Test
  void fileThatNeverStopsChangingIsLeftForTheNextScan() throws Exception {
    write("log", "line\n");
    write("quiet", "x");
    FaultyFolderFs fs = new FaultyFolderFs(new NioFolderFs(dir));
    fs.afterEachRead("log", () -> append("log", "line\n"));

    ScanStats stats = scanner(fs).scanAll(sink, sink);

    assertThat(sink.changed).containsKey("quiet").doesNotContainKey("log");
    assertThat(stats.filesNotScanned()).isEqualTo(1);
  }

  @Test
  void unreadableFileIsLeftForTheNextScanAndOthersGoOn() throws Exception {
    write("bad", "x");
    write("good", "y");
    FaultyFolderFs fs = new FaultyFolderFs(new NioFolderFs(dir));
    fs.failNext(FaultyFolderFs.Op.OPEN_READ, "bad", 1);

    ScanStats stats = scanner(fs).scanAll(sink, sink);

    assertThat(sink.changed.keySet()).containsExactly("good");
    assertThat(stats.filesNotScanned()).isEqualTo(1);
  }

  @Test
  void deletedFilesAndDirectoriesAreReported() throws Exception {
    write("keep", "k");
    write("gone", "g");
    write("dir/inner/x", "x");
    Scanner scanner = scanner(new NioFolderFs(dir));
    scanner.scanAll(sink, sink);
    sink.clear();
    Files.delete(dir.resolve("gone"));
    Files.delete(dir.resolve("dir/inner/x"));
    Files.delete(dir.resolve("dir/inner"));
    Files.delete(dir.resolve("dir"));

    ScanStats stats = scanner.scanAll(sink, sink);

    assertThat(sink.deleted).containsExactlyInAnyOrder("gone", "dir", "dir/inner",
        "dir/inner/x");
    assertThat(sink.changed).isEmpty();
    assertThat(stats.deleted()).isEqualTo(4);
  }

  @Test
  void syncDirectoryTempFilesAndIgnoredPathsAreSkipped() throws Exception {
    write(".sync/IgnoreList", "*.ignored");
    write("sub/.~swarmsync.file.tmp", "partial");
    write("sub/notes.ignored", "secret");
    write("skipdir.ignored/inside", "x");
    write("sub/real", "real");

    scanner(new NioFolderFs(dir)).scanAll(sink, sink);

    assertThat(sink.changed.keySet()).containsExactlyInAnyOrder("sub", "sub/real");
  }

  @Test
  void pathsThatBecameIgnoredAreNeitherReportedNorReportedDeleted() throws Exception {
    write("logs/a.log", "a");
    write("cache/x", "x");
    write("keep.txt", "k");
    AtomicBoolean ignoring = new AtomicBoolean();
    Scanner scanner = new Scanner(new NioFolderFs(dir), (path, isDirectory) -> ignoring.get()
        && (path.endsWith(".log") || isDirectory && path.equals("cache")), pool);
    scanner.scanAll(sink, sink);
    sink.clear();
    ignoring.set(true);
    Files.delete(dir.resolve("logs/a.log"));
    Files.delete(dir.resolve("cache/x"));
    write("logs/b.log", "b");

    ScanStats stats = scanner.scanAll(sink, sink);
    scanner.scanPaths(List.of("logs/a.log", "cache/x", "logs/b.log"), sink, sink);

    assertThat(sink.changed).isEmpty();
    assertThat(sink.deleted).isEmpty();
    assertThat(stats.deleted()).isZero();
  }

  @Test
  void directoryOnlyFilterSkipsADirectoryButNotAFileOfThatName() throws Exception {
    write("out/x.class", "x");
    write("sub/out", "a file named out");

    new Scanner(new NioFolderFs(dir), (path, isDirectory) -> isDirectory
        && path.endsWith("out"), pool).scanAll(sink, sink);

    assertThat(sink.changed.keySet()).containsExactlyInAnyOrder("sub", "sub/out");
  }

  @Test
  void scanPathsRescansBelowADirectoryAndReportsWhatVanishedUnderIt() throws Exception {
    write("d/one", "1");
    write("d/two", "2");
    write("other", "o");
    Scanner scanner = scanner(new NioFolderFs(dir));
    scanner.scanAll(sink, sink);
    sink.clear();
    write("d/one", "changed");
    write("d/new/three", "3");
    Files.delete(dir.resolve("d/two"));
    Files.delete(dir.resolve("other"));

    ScanStats stats = scanner.scanPaths(List.of("d", "d/one"), sink, sink);

    assertThat(sink.changed.keySet()).containsExactlyInAnyOrder("d/one", "d/new",
        "d/new/three");
    assertThat(sink.deleted).containsExactly("d/two");
    assertThat(stats.filesHashed()).isEqualTo(2);
  }

  @Test
  void scanPathsOfAGoneDirectoryReportsEverythingKnownBelowIt() throws Exception {
    write("d/a", "1");
    write("d/e/b", "2");
    write("dx", "not below d");
    Scanner scanner = scanner(new NioFolderFs(dir));
    scanner.scanAll(sink, sink);
    sink.clear();
    Files.delete(dir.resolve("d/e/b"));
    Files.delete(dir.resolve("d/e"));
    Files.delete(dir.resolve("d/a"));
    Files.delete(dir.resolve("d"));

    scanner.scanPaths(List.of("d"), sink, sink);

    assertThat(sink.deleted).containsExactlyInAnyOrder("d", "d/a", "d/e", "d/e/b");
  }

  @Test
  void directoryReplacedBySymlinkReportsItsOldContentsDeleted() throws Exception {
    write("d/a", "1");
    Scanner scanner = scanner(new NioFolderFs(dir));
    scanner.scanAll(sink, sink);
    sink.clear();
    Files.delete(dir.resolve("d/a"));
    Files.delete(dir.resolve("d"));
    Files.createSymbolicLink(dir.resolve("d"), Path.of("/tmp"));

    scanner.scanAll(sink, sink);

    assertThat(sink.changed.get("d").type()).isEqualTo(FileType.SYMLINK);
    assertThat(sink.deleted).containsExactly("d/a");
  }

  private void append(String path, String text) {
    try {
      Files.writeString(dir.resolve(path), text, StandardOpenOption.APPEND);
      Files.setLastModifiedTime(dir.resolve(path), FileTime.fromMillis(
          System.currentTimeMillis() + 1000L * mtimeBumps.incrementAndGet()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
