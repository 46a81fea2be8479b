package swarmsync.sync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import swarmsync.record.ChunkHash;

/**
 * An encrypted host's folder on disk: one file of ciphertext per encrypted chunk id, under
 * {@code root/xx/<64 hex>} ({@code xx} the id's first byte). Ids are keyed hashes, so neither
 * the names nor the contents say anything about the folder's files. A chunk is written to a
 * temporary file, fsynced and renamed into place: a crash never leaves a half chunk under its
 * id.
 */
public final class ChunkStore {
  private final Path root;

  public ChunkStore(Path root) {
    this.root = root;
  }

  public boolean has(ChunkHash id, int size) {
    try {
      return Files.size(path(id)) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** The ciphertext stored under {@code id}; NoSuchFileException if there is none. */
  public byte[] read(ChunkHash id, int size) throws IOException {
    Path file = path(id);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      if (in.size() != size) {
        throw new NoSuchFileException("encrypted chunk " + id + " is " + in.size()
            + " bytes, not " + size);
      }
      ByteBuffer buffer = ByteBuffer.allocate(size);
      while (buffer.hasRemaining()) {
        if (in.read(buffer) < 0) {
          throw new IOException("encrypted chunk " + id + " ended early");
        }
      }
      return buffer.array();
    }
  }

  /** Stores ciphertext under {@code id}, atomically. */
  public void write(ChunkHash id, byte[] ciphertext) throws IOException {
    Path file = path(id);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(ciphertext);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private Path path(ChunkHash id) {
    String hex = id.toString();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }
}
