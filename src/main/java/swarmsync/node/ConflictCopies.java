package swarmsync.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import swarmsync.api.ConflictView;

/**
 * Finds the conflict copies in a folder on disk: regular files whose name holds
 * {@code .sync-conflict-} (see sync.ConflictNamer), outside the {@code .sync} directory.
 */
final class ConflictCopies {
  static final String MARK = ".sync-conflict-";
  /** Most copies listed, so a folder full of them cannot make one answer huge. */
  static final int MAX_LISTED = 10_000;

  private ConflictCopies() {}

  static List<ConflictView> list(Path root) throws IOException {
    List<ConflictView> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(MARK))
          .filter(p -> !root.relativize(p).startsWith(".sync"))
          .limit(MAX_LISTED)
          .forEach(p -> found.add(view(root, p)));
    } catch (UncheckedIOException e) {
      throw new IOException("listing conflicts in " + root + ": " + e.getCause().getMessage(),
          e.getCause());
    }
    found.sort(Comparator.comparing(ConflictView::path));
    return found;
  }

  private static ConflictView view(Path root, Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class,
          java.nio.file.LinkOption.NOFOLLOW_LINKS);
      String relative = root.relativize(file).toString().replace('\\', '/');
      return new ConflictView(relative, original(relative), a.size(),
          a.lastModifiedTime().toInstant().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code dir/name.sync-conflict-STAMP-DEVICE.ext} to {@code dir/name.ext}. */
  static String original(String path) {
    int mark = path.lastIndexOf(MARK);
    String rest = path.substring(mark + MARK.length());
    // rest is YYYYMMDD-HHMMSS-DEVICE[.ext]
    int dot = rest.indexOf('.');
    return path.substring(0, mark) + (dot >= 0 ? rest.substring(dot) : "");
  }
}
