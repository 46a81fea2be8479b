package swarmsync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link FolderFs}: a fake for unit tests. It models files, directories and
 * symlinks (as entries only: paths through a symlink are refused), sizes, mtimes (set from the
 * clock on every write), permission bits (stored, never enforced) and file keys (a counter per
 * created entry, kept by rename). It does not model hard links, free space (always
 * {@code Long.MAX_VALUE}), directory mtimes, durability, locking or memory-mapped files.
 */
public final class MemoryFolderFs implements FolderFs {
  private static final int FILE_MODE = 0644;
  private static final int DIR_MODE = 0755;

  /** One entry; content is null for directories and symlinks. */
  private static final class Node {
    final FileMeta.Kind kind;
    final MemoryChannel.Content content;
    final String target;
    final String fileKey;
    long mtimeNanos;
    int permissions;

    Node(FileMeta.Kind kind, String target, String fileKey, long mtimeNanos, int permissions) {
      this.kind = kind;
      this.content = kind == FileMeta.Kind.FILE ? new MemoryChannel.Content() : null;
      this.target = target;
      this.fileKey = fileKey;
      this.mtimeNanos = mtimeNanos;
      this.permissions = permissions;
    }

    synchronized FileMeta meta() {
      long size = content == null ? 0 : contentSize();
      return new FileMeta(kind, size, mtimeNanos, permissions, fileKey, target);
    }

    private long contentSize() {
      synchronized (content) {
        return content.size;
      }
    }
  }

  private final Clock clock;
  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private long nextKey = 1;

  public MemoryFolderFs() {
    this(Clock.systemUTC());
  }

  public MemoryFolderFs(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<FileMeta> stat(String path) throws IOException {
    checkParents(path, false);
    if (path.isEmpty()) {
      return Optional.of(new FileMeta(FileMeta.Kind.DIRECTORY, 0, 0, DIR_MODE, "mem:0", ""));
    }
    Node node = nodes.get(path);
    return node == null ? Optional.empty() : Optional.of(node.meta());
  }

  @Override
  public void walk(String start, WalkVisitor visitor) throws IOException {
    Optional<FileMeta> meta = stat(start);
    if (meta.isEmpty() || meta.get().kind() != FileMeta.Kind.DIRECTORY) {
      throw new NotDirectoryException("walk start '" + start + "' is not a directory");
    }
    for (Map.Entry<String, FileMeta> child : children(start)) {
      if (visitor.visit(child.getKey(), child.getValue())
          && child.getValue().kind() == FileMeta.Kind.DIRECTORY) {
        walk(child.getKey(), visitor);
      }
    }
  }

  private synchronized List<Map.Entry<String, FileMeta>> children(String dir) {
    List<Map.Entry<String, FileMeta>> out = new ArrayList<>();
    Map<String, Node> below = dir.isEmpty() ? nodes : nodes.subMap(dir + "/", dir + "0");
    int depth = dir.isEmpty() ? 0 : dir.length() + 1;
    below.forEach((path, node) -> {
      if (path.indexOf('/', depth) < 0) {
        out.add(Map.entry(path, node.meta()));
      }
    });
    return out;
  }

  @Override
  public synchronized FileChannel openRead(String path) throws IOException {
    return new MemoryChannel(file(path).content, false, () -> { });
  }

  @Override
  public synchronized FileChannel openWrite(String path, boolean truncate) throws IOException {
    checkParents(path, true);
    if (!nodes.containsKey(path)) {
      put(path, new Node(FileMeta.Kind.FILE, "", key(), now(), FILE_MODE));
    }
    Node file = file(path);
    MemoryChannel channel = new MemoryChannel(file.content, true, () -> touch(file));
    if (truncate) {
      channel.truncate(0);
    }
    return channel;
  }

  @Override
  public synchronized void createDirectories(String path) throws IOException {
    FolderPaths.check(path);
    if (path.isEmpty()) {
      return;
    }
    createDirectories(FolderPaths.parent(path));
    Node node = nodes.get(path);
    if (node == null) {
      put(path, new Node(FileMeta.Kind.DIRECTORY, "", key(), now(), DIR_MODE));
    } else if (node.kind == FileMeta.Kind.SYMLINK) {
      throw new UnsafePathException(path, "is a symlink");
    } else if (node.kind != FileMeta.Kind.DIRECTORY) {
      throw new NotDirectoryException(path);
    }
  }

  @Override
  public synchronized void delete(String path) throws IOException {
    checkParents(path, false);
    Node node = nodes.get(path);
    if (node != null && node.kind == FileMeta.Kind.DIRECTORY && !children(path).isEmpty()) {
      throw new DirectoryNotEmptyException(path);
    }
    nodes.remove(path);
  }

  @Override
  public synchronized void rename(String from, String to) throws IOException {
    Node node = existing(from);
    checkParents(to, true);
    Node old = nodes.get(to);
    if (old != null && old.kind == FileMeta.Kind.DIRECTORY) {
      throw new FileAlreadyExistsException(to, null, "is a directory");
    }
    String prefix = from + "/";
    List<String> moved = new ArrayList<>(nodes.subMap(prefix, from + "0").keySet());
    nodes.remove(from);
    nodes.put(to, node);
    for (String p : moved) {
      nodes.put(to + "/" + p.substring(prefix.length()), nodes.remove(p));
    }
  }

  @Override
  public synchronized void setMtime(String path, long mtimeNanos) throws IOException {
    Node node = existing(path);
    synchronized (node) {
      node.mtimeNanos = mtimeNanos;
    }
  }

  @Override
  public synchronized void setPermissions(String path, int permissions) throws IOException {
    Node node = existing(path);
    synchronized (node) {
      node.permissions = permissions;
    }
  }

  @Override
  public synchronized void createSymlink(String path, String target) throws IOException {
    checkParents(path, true);
    if (nodes.containsKey(path)) {
      throw new FileAlreadyExistsException(path);
    }
    put(path, new Node(FileMeta.Kind.SYMLINK, target, key(), now(), 0777));
  }

  @Override
  public long usableSpace() {
    return Long.MAX_VALUE;
  }

  @Override
  public void syncDirectory(String path) throws IOException {
    stat(path);
  }

  private Node put(String path, Node node) {
    nodes.put(path, node);
    return node;
  }

  private void touch(Node node) {
    long now = now();
    synchronized (node) {
      node.mtimeNanos = now;
    }
  }

  private Node file(String path) throws IOException {
    Node node = existing(path);
    if (node.kind != FileMeta.Kind.FILE) {
      throw new IOException("'" + path + "' is a " + node.kind + ", not a file");
    }
    return node;
  }

  private Node existing(String path) throws IOException {
    checkParents(path, false);
    Node node = nodes.get(path);
    if (node == null) {
      throw new NoSuchFileException(path);
    }
    return node;
  }

  /** Checks syntax and that no parent is a symlink; with {@code mustExist}, that all exist. */
  private void checkParents(String path, boolean mustExist) throws IOException {
    FolderPaths.check(path);
    for (String p = FolderPaths.parent(path); !p.isEmpty(); p = FolderPaths.parent(p)) {
      Node node = nodes.get(p);
      if (node != null && node.kind == FileMeta.Kind.SYMLINK) {
        throw new UnsafePathException(path, "'" + p + "' is a symlink");
      }
      if (mustExist && (node == null || node.kind != FileMeta.Kind.DIRECTORY)) {
        throw new NoSuchFileException(path, null, "parent '" + p + "' is not a directory");
      }
    }
  }

  private String key() {
    return "mem:" + nextKey++;
  }

  private long now() {
    Instant t = clock.instant();
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }
}
