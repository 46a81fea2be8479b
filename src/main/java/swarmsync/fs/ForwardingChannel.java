package swarmsync.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A FileChannel passing every call to another, with hooks around reads and writes. */
abstract class ForwardingChannel extends FileChannel {
  private final FileChannel delegate;

  ForwardingChannel(FileChannel delegate) {
    this.delegate = delegate;
  }

  protected abstract void beforeRead() throws IOException;

  protected abstract void afterRead();

  protected abstract void beforeWrite(ByteBuffer src) throws IOException;

  @Override
  public int read(ByteBuffer dst) throws IOException {
    beforeRead();
    int n = delegate.read(dst);
    afterRead();
    return n;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    beforeRead();
    int n = delegate.read(dst, position);
    afterRead();
    return n;
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    beforeRead();
    long n = delegate.read(dsts, offset, length);
    afterRead();
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    beforeWrite(src);
    return delegate.write(src);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    beforeWrite(src);
    return delegate.write(src, position);
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
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    delegate.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    beforeRead();
    long n = delegate.transferTo(position, count, target);
    afterRead();
    return n;
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
    long done = 0;
    while (done < count) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
      if (src.read(buffer) <= 0) {
        break;
      }
      buffer.flip();
      done += write(buffer, position + done);
    }
    return done;
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
