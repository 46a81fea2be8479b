package swarmsync.fs;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder tree (every directory, including ones created later) and reports changed
 * folder-relative paths in batches: events are coalesced per path and delivered once the folder
 * has been quiet for the settle delay (or at the latest after {@link #MAX_DELAY_FACTOR} times
 * it, so a file written continuously is still reported). A lost-events overflow, or a failure
 * to watch a new directory, reports a full rescan instead. A new directory is reported as its own
 * path (files may land in it before it is watched), so the receiver rescans below it. Ignores
 * the {@code .sync} directory and our temporary files. Callbacks run on the watcher's own daemon
 * thread.
 */
public final class FolderWatcher implements AutoCloseable {
  /** Quiet time before a batch goes out: long enough to see a save (write + rename) as one. */
  public static final Duration SETTLE_DELAY = Duration.ofMillis(250);
  /** A batch waits at most this many settle delays, however busy the folder is. */
  static final int MAX_DELAY_FACTOR = 8;

  private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

  private final Path root;
  private final Duration settleDelay;
  private final Consumer<Set<String>> onChange;
  private final Runnable onOverflow;
  private final Map<WatchKey, String> keys = new HashMap<>();
  private WatchService service;
  private Thread thread;

  public FolderWatcher(Path root, Consumer<Set<String>> onChange, Runnable onOverflow) {
    this(root, SETTLE_DELAY, onChange, onOverflow);
  }

  public FolderWatcher(Path root, Duration settleDelay, Consumer<Set<String>> onChange,
      Runnable onOverflow) {
    this.root = root.toAbsolutePath().normalize();
    this.settleDelay = settleDelay;
    this.onChange = onChange;
    this.onOverflow = onOverflow;
  }

  /** Registers every directory of the tree, then starts delivering batches. */
  public synchronized void start() throws IOException {
    if (service != null) {
      throw new IllegalStateException("watcher on " + root + " already started");
    }
    service = root.getFileSystem().newWatchService();
    registerTree(root);
    thread = new Thread(this::run, "folder-watcher " + root.getFileName());
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops watching and waits for the watcher thread to end. */
  @Override
  public void close() throws IOException {
    Thread t;
    synchronized (this) {
      if (service == null) {
        return;
      }
      service.close();
      t = thread;
    }
    if (t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    Set<String> pending = new LinkedHashSet<>();
    long first = 0;
    long last = 0;
    long settle = settleDelay.toNanos();
    try {
      while (true) {
        WatchKey key;
        if (pending.isEmpty()) {
          key = service.take();
        } else {
          long now = System.nanoTime();
          long due = Math.min(last + settle, first + settle * MAX_DELAY_FACTOR);
          key = due <= now ? null : service.poll(due - now, TimeUnit.NANOSECONDS);
          if (key == null) {
            onChange.accept(Set.copyOf(pending));
            pending.clear();
            continue;
          }
        }
        long now = System.nanoTime();
        if (pending.isEmpty()) {
          first = now;
        }
        last = now;
        if (!drain(key, pending)) {
          pending.clear();
          onOverflow.run();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException stopped) {
      // close() was called.
    }
  }

  /** Adds the key's events to pending; false when events were lost and a rescan is due. */
  private boolean drain(WatchKey key, Set<String> pending) {
    String dir = keys.get(key);
    boolean complete = true;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
        complete = false;
        continue;
      }
      String name = event.context().toString();
      String path = FolderPaths.child(dir, name);
      if (skipped(dir, name)) {
        continue;
      }
      pending.add(path);
      Path full = root.resolve(path);
      if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
          && Files.isDirectory(full, LinkOption.NOFOLLOW_LINKS)) {
        try {
          registerTree(full);
        } catch (IOException e) {
          LOG.warn("cannot watch new directory {}, asking for a full rescan", full, e);
          complete = false;
        }
      }
    }
    if (!key.reset()) {
      keys.remove(key);
    }
    return complete;
  }

  private static boolean skipped(String dir, String name) {
    return FolderNames.isInternal(FolderPaths.child(dir, name));
  }

  private void registerTree(Path top) throws IOException {
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        String rel = root.relativize(dir).toString().replace(dir.getFileSystem().getSeparator(),
            "/");
        if (!rel.isEmpty() && skipped(FolderPaths.parent(rel), FolderPaths.name(rel))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        keys.put(key, rel);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
