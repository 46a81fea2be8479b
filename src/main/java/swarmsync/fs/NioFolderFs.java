package swarmsync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FolderFs} on the local disk below one root directory. Every path is checked before
 * use: absolute paths, {@code .}, {@code ..} and empty segments, and paths whose parent
 * directories include a symlink are refused with {@link UnsafePathException}; the last component
 * is never followed either ({@code NOFOLLOW_LINKS} everywhere).
 */
public final class NioFolderFs implements FolderFs {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  /** Permission bits reported where the filesystem has no POSIX permissions. */
  private static final int DEFAULT_FILE_MODE = 0644;
  private static final int DEFAULT_DIR_MODE = 0755;

  private final Path root;
  private final boolean posix;
  /**
   * The root's file store, found once: finding it reads the whole mount table, and a pull asks
   * for the free space before every file. Its free space is asked of the root's path each time
   * (statvfs), so it stays right if the disk is mounted again.
   */
  private volatile FileStore store;

  public NioFolderFs(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  public Path root() {
    return root;
  }

  @Override
  public Optional<FileMeta> stat(String path) throws IOException {
    Path p = resolve(path);
    if (p == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(meta(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void walk(String start, WalkVisitor visitor) throws IOException {
    Path p = resolve(start);
    if (p == null || meta(p).kind() != FileMeta.Kind.DIRECTORY) {
      throw new NotDirectoryException("walk start '" + start + "' is not a directory in " + root);
    }
    walkDirectory(start, p, visitor);
  }

  /** Depth first with one open DirectoryStream per level: memory follows depth, not size. */
  private void walkDirectory(String path, Path dir, WalkVisitor visitor) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String child = FolderPaths.child(path, entry.getFileName().toString());
        FileMeta meta;
        try {
          meta = meta(entry);
        } catch (NoSuchFileException gone) {
          continue;
        }
        if (visitor.visit(child, meta) && meta.kind() == FileMeta.Kind.DIRECTORY) {
          try {
            walkDirectory(child, entry, visitor);
          } catch (NoSuchFileException | NotDirectoryException gone) {
            // Removed or replaced while we walked: the next scan sees the new state.
          }
        }
      }
    }
  }

  @Override
  public FileChannel openRead(String path) throws IOException {
    return FileChannel.open(existing(path), StandardOpenOption.READ, NOFOLLOW);
  }

  @Override
  public FileChannel openWrite(String path, boolean truncate) throws IOException {
    List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW));
    if (truncate) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    return FileChannel.open(existing(path), options.toArray(OpenOption[]::new));
  }

  @Override
  public void createDirectories(String path) throws IOException {
    FolderPaths.check(path);
    Path current = root;
    String sofar = "";
    for (String segment : path.isEmpty() ? new String[0] : path.split("/")) {
      current = current.resolve(segment);
      sofar = FolderPaths.child(sofar, segment);
      try {
        Files.createDirectory(current);
      } catch (FileAlreadyExistsException e) {
        BasicFileAttributes a = Files.readAttributes(current, BasicFileAttributes.class, NOFOLLOW);
        if (a.isSymbolicLink()) {
          throw new UnsafePathException(path, "'" + sofar + "' is a symlink");
        }
        if (!a.isDirectory()) {
          throw new NotDirectoryException(root.relativize(current).toString());
        }
      }
    }
  }

  @Override
  public void delete(String path) throws IOException {
    Path p = resolve(path);
    if (p != null) {
      Files.deleteIfExists(p);
    }
  }

  @Override
  public void rename(String from, String to) throws IOException {
    Files.move(existing(from), existing(to), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void setMtime(String path, long mtimeNanos) throws IOException {
    Files.getFileAttributeView(existing(path), BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS), null, null);
  }

  @Override
  public void setPermissions(String path, int permissions) throws IOException {
    Path p = existing(path);
    if (posix) {
      Files.getFileAttributeView(p, PosixFileAttributeView.class, NOFOLLOW)
          .setPermissions(PosixModes.fromBits(permissions));
    }
  }

  @Override
  public void createSymlink(String path, String target) throws IOException {
    Files.createSymbolicLink(existing(path), root.getFileSystem().getPath(target));
  }

  @Override
  public long usableSpace() throws IOException {
    FileStore s = store;
    if (s == null) {
      s = Files.getFileStore(root);
      store = s;
    }
    return s.getUsableSpace();
  }

  @Override
  public void syncDirectory(String path) throws IOException {
    try (FileChannel dir = FileChannel.open(existing(path), StandardOpenOption.READ,
        NOFOLLOW)) {
      dir.force(true);
    } catch (IOException refused) {
      // Some filesystems (and platforms) refuse fsync on a directory; there is nothing to add.
    }
  }

  private FileMeta meta(Path p) throws IOException {
    BasicFileAttributes a;
    int mode;
    if (posix) {
      PosixFileAttributes pa = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
      a = pa;
      mode = PosixModes.toBits(pa.permissions());
    } else {
      a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
      mode = a.isDirectory() ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE;
    }
    FileMeta.Kind kind = a.isRegularFile() ? FileMeta.Kind.FILE
        : a.isDirectory() ? FileMeta.Kind.DIRECTORY
        : a.isSymbolicLink() ? FileMeta.Kind.SYMLINK
        : FileMeta.Kind.OTHER;
    String target = kind == FileMeta.Kind.SYMLINK ? Files.readSymbolicLink(p).toString() : "";
    Object key = a.fileKey();
    return new FileMeta(kind, kind == FileMeta.Kind.FILE ? a.size() : 0,
        a.lastModifiedTime().to(TimeUnit.NANOSECONDS), mode, key == null ? "" : key.toString(),
        target);
  }

  /** Like {@link #resolve} but a missing parent is an error, not an empty answer. */
  private Path existing(String path) throws IOException {
    Path p = resolve(path);
    if (p == null) {
      throw new NoSuchFileException(path, null, "a parent directory is missing in " + root);
    }
    return p;
  }

  /**
   * The disk path for a folder path, or null when a parent is missing or not a directory (so
   * nothing can be there); throws when the path is malformed or a parent is a symlink.
   */
  private Path resolve(String path) throws IOException {
    FolderPaths.check(path);
    if (path.isEmpty()) {
      return root;
    }
    Path current = root;
    int start = 0;
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
      current = current.resolve(path.substring(start, slash));
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(current, BasicFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException e) {
        return null;
      }
      if (a.isSymbolicLink()) {
        throw new UnsafePathException(path, "'" + path.substring(0, slash) + "' is a symlink");
      }
      if (!a.isDirectory()) {
        return null;
      }
      start = slash + 1;
    }
    return current.resolve(path.substring(start));
  }
}
