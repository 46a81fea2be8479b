package swarmsync.dht;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The file a {@link RoutingSnapshot} is kept in between runs, replaced atomically. */
public final class DhtStateFile {
  /** Largest file read: a full snapshot is about 33 KiB. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  private DhtStateFile() {}

  /**
   * The snapshot bytes in the file (as {@link DhtNode#routingTableSnapshot()} made them), or
   * empty when there is none yet; throws when the file is there but not a snapshot.
   */
  public static Optional<byte[]> load(Path file) throws IOException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new IOException("DHT state file " + file + " has " + size + " bytes, more than "
            + MAX_FILE_BYTES);
      }
      byte[] bytes = Files.readAllBytes(file);
      RoutingSnapshot.fromBytes(bytes);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new IOException("reading DHT state file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the snapshot to a temporary file beside {@code file} and moves it into place. */
  public static void save(Path file, byte[] snapshot) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.write(temp, snapshot);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
