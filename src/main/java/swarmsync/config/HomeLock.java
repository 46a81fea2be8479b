package swarmsync.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** The exclusive lock a running daemon holds on its home, so two daemons never share one. */
public final class HomeLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or returns empty if another process (or this one) holds it. */
  public static Optional<HomeLock> tryAcquire(HomeLayout home) throws IOException {
    FileChannel channel = FileChannel.open(home.lockFile(), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new HomeLock(channel, lock));
    } catch (OverlappingFileLockException e) {
      channel.close();
      return Optional.empty();
    }
  }

  /** True when a daemon holds the home's lock right now. */
  public static boolean isHeld(HomeLayout home) throws IOException {
    if (!java.nio.file.Files.exists(home.lockFile())) {
      return false;
    }
    Optional<HomeLock> probe = tryAcquire(home);
    probe.ifPresent(HomeLock::close);
    return probe.isEmpty();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock dies with the channel or the process; nothing else to do.
    }
  }
}
