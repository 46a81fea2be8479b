package swarmsync.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FolderFs} wrapper that injects IOExceptions for fault tests: the next N calls of an
 * operation on a path, the next N channel reads of a path, or writes to a path past a byte budget
 * (a full disk); a made-up free space figure; and a hook run after each channel read (to change
 * a file while it is read).
 * Rules are keyed by exact path; everything else passes through to the wrapped filesystem.
 */
public final class FaultyFolderFs implements FolderFs {
  /** The operations that can be made to fail, named after the FolderFs methods. */
  public enum Op {
    STAT, WALK, OPEN_READ, OPEN_WRITE, CREATE_DIRECTORIES, DELETE, RENAME, SET_MTIME,
    SET_PERMISSIONS, CREATE_SYMLINK, SYNC_DIRECTORY
  }

  private final FolderFs delegate;
  private final Map<String, AtomicInteger> opFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> readFailures = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> writeBudgets = new ConcurrentHashMap<>();
  private final Map<String, Runnable> readHooks = new ConcurrentHashMap<>();
  /** The free space {@link #usableSpace} reports, or -1 for the wrapped filesystem's. */
  private final AtomicLong usableSpace = new AtomicLong(-1);

  public FaultyFolderFs(FolderFs delegate) {
    this.delegate = delegate;
  }

  /** Makes the next {@code times} calls of {@code op} on {@code path} throw. */
  public void failNext(Op op, String path, int times) {
    opFailures.put(op + " " + path, new AtomicInteger(times));
  }

  /** Makes the next {@code times} reads from channels open on {@code path} throw. */
  public void failNextReads(String path, int times) {
    readFailures.put(path, new AtomicInteger(times));
  }

  /** Makes writes to {@code path} throw once more than {@code bytes} have been written. */
  public void failWritesBeyond(String path, long bytes) {
    writeBudgets.put(path, new AtomicLong(bytes));
  }

  /** Makes {@link #usableSpace} report {@code bytes}; -1 reports the real figure again. */
  public void reportUsableSpace(long bytes) {
    usableSpace.set(bytes);
  }

  /** Runs {@code hook} after every successful read from a channel open on {@code path}. */
  public void afterEachRead(String path, Runnable hook) {
    readHooks.put(path, hook);
  }

  @Override
  public Optional<FileMeta> stat(String path) throws IOException {
    maybeFail(Op.STAT, path);
    return delegate.stat(path);
  }

  @Override
  public void walk(String start, WalkVisitor visitor) throws IOException {
    maybeFail(Op.WALK, start);
    delegate.walk(start, visitor);
  }

  @Override
  public FileChannel openRead(String path) throws IOException {
    maybeFail(Op.OPEN_READ, path);
    return new FaultyChannel(path, delegate.openRead(path));
  }

  @Override
  public FileChannel openWrite(String path, boolean truncate) throws IOException {
    maybeFail(Op.OPEN_WRITE, path);
    return new FaultyChannel(path, delegate.openWrite(path, truncate));
  }

  @Override
  public void createDirectories(String path) throws IOException {
    maybeFail(Op.CREATE_DIRECTORIES, path);
    delegate.createDirectories(path);
  }

  @Override
  public void delete(String path) throws IOException {
    maybeFail(Op.DELETE, path);
    delegate.delete(path);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    maybeFail(Op.RENAME, from);
    delegate.rename(from, to);
  }

  @Override
  public void setMtime(String path, long mtimeNanos) throws IOException {
    maybeFail(Op.SET_MTIME, path);
    delegate.setMtime(path, mtimeNanos);
  }

  @Override
  public void setPermissions(String path, int permissions) throws IOException {
    maybeFail(Op.SET_PERMISSIONS, path);
    delegate.setPermissions(path, permissions);
  }

  @Override
  public void createSymlink(String path, String target) throws IOException {
    maybeFail(Op.CREATE_SYMLINK, path);
    delegate.createSymlink(path, target);
  }

  @Override
  public long usableSpace() throws IOException {
    long reported = usableSpace.get();
    return reported >= 0 ? reported : delegate.usableSpace();
  }

  @Override
  public void syncDirectory(String path) throws IOException {
    maybeFail(Op.SYNC_DIRECTORY, path);
    delegate.syncDirectory(path);
  }

  private void maybeFail(Op op, String path) throws IOException {
    if (takeOne(opFailures.get(op + " " + path))) {
      throw new IOException("injected failure: " + op + " " + path);
    }
  }

  private static boolean takeOne(AtomicInteger remaining) {
    return remaining != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** Channel that applies the read and write rules of its path. */
  private final class FaultyChannel extends ForwardingChannel {
    private final String path;

    FaultyChannel(String path, FileChannel delegate) {
      super(delegate);
      this.path = path;
    }

    @Override
    protected void beforeRead() throws IOException {
      if (takeOne(readFailures.get(path))) {
        throw new IOException("injected read failure: " + path);
      }
    }

    @Override
    protected void afterRead() {
      Runnable hook = readHooks.get(path);
      if (hook != null) {
        hook.run();
      }
    }

    @Override
    protected void beforeWrite(ByteBuffer src) throws IOException {
      AtomicLong budget = writeBudgets.get(path);
      if (budget != null && budget.addAndGet(-src.remaining()) < 0) {
        throw new IOException("injected write failure (no space left): " + path);
      }
    }
  }
}
