package swarmsync.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/** A FileChannel over one {@link MemoryFolderFs} file; maps and locks are not supported. */
final class MemoryChannel extends FileChannel {
  /** The bytes of one in-memory file, shared by every channel open on it. */
  static final class Content {
    byte[] bytes = new byte[0];
    int size;
  }

  private final Content content;
  private final boolean writable;
  private final Runnable onWrite;
  private long position;

  MemoryChannel(Content content, boolean writable, Runnable onWrite) {
    this.content = content;
    this.writable = writable;
    this.onWrite = onWrite;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    int n = read(dst, position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long at) throws IOException {
    ensureOpen();
    synchronized (content) {
      if (at >= content.size) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), content.size - at);
      dst.put(content.bytes, (int) at, n);
      return n;
    }
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      int n = read(dsts[i]);
      if (n < 0) {
        return total == 0 ? -1 : total;
      }
      total += n;
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    int n = write(src, position);
    position += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src, long at) throws IOException {
    ensureOpen();
    if (!writable) {
      throw new IOException("in-memory file opened read-only");
    }
    int n = src.remaining();
    synchronized (content) {
      long end = at + n;
      if (end > Integer.MAX_VALUE - 8) {
        throw new IOException("in-memory file would exceed 2 GiB");
      }
      if (end > content.bytes.length) {
        long grown = Math.max(end, content.bytes.length * 2L);
        content.bytes = Arrays.copyOf(content.bytes, (int) Math.min(grown, Integer.MAX_VALUE - 8));
      }
      if (at > content.size) {
        Arrays.fill(content.bytes, content.size, (int) at, (byte) 0);
      }
      src.get(content.bytes, (int) at, n);
      content.size = (int) Math.max(content.size, end);
    }
    onWrite.run();
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public FileChannel position(long newPosition) {
    position = newPosition;
    return this;
  }

  @Override
  public long size() {
    synchronized (content) {
      return content.size;
    }
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    synchronized (content) {
      content.size = (int) Math.min(content.size, size);
    }
    position = Math.min(position, size);
    onWrite.run();
    return this;
  }

  @Override
  public void force(boolean metaData) {
    // Memory is as stable as it gets here.
  }

  @Override
  public long transferTo(long at, long count, WritableByteChannel target) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
    long done = 0;
    while (done < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      int n = read(buffer, at + done);
      if (n <= 0) {
        break;
      }
      buffer.flip();
      done += target.write(buffer);
    }
    return done;
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
    long done = 0;
    while (done < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      int n = src.read(buffer);
      if (n <= 0) {
        break;
      }
      buffer.flip();
      done += write(buffer, at + done);
    }
    return done;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long at, long size) {
    throw new UnsupportedOperationException("in-memory files cannot be mapped");
  }

  @Override
  public FileLock lock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("in-memory files cannot be locked");
  }

  @Override
  public FileLock tryLock(long at, long size, boolean shared) {
    throw new UnsupportedOperationException("in-memory files cannot be locked");
  }

  @Override
  protected void implCloseChannel() {
    // Nothing to release.
  }

  private void ensureOpen() throws IOException {
    if (!isOpen()) {
      throw new java.nio.channels.ClosedChannelException();
    }
  }
}
