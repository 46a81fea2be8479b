package swarmsync.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay that holds every byte for a fixed one-way delay before passing it on, and counts
 * the bytes it carried each way. It stands in for netem's {@code delay} where the kernel has no
 * sch_netem (see docs/reliability.md): the daemons' request and response round trips then take
 * twice the delay, while packet loss stays in the kernel (nftables on the links).
 */
final class DelayLine implements AutoCloseable {
  private static final int CHUNK = 16 * 1024;
  /** A queued chunk and the time it may leave; an empty array marks the end of the stream. */
  private record Held(long dueNanos, byte[] bytes) {}

  private final ServerSocket server;
  private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final InetSocketAddress target;
  private final long delayNanos;
  /** Bytes from the dialing side to the target, and back. */
  final AtomicLong toTarget = new AtomicLong();
  final AtomicLong fromTarget = new AtomicLong();
  final AtomicLong connections = new AtomicLong();

  DelayLine(InetAddress listen, InetSocketAddress target, long delayMillis) throws IOException {
    this.server = new ServerSocket(0, 16, listen);
    this.target = target;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    daemon("delay-accept", this::acceptLoop).start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket in = server.accept();
        Socket out = new Socket();
        try {
          out.connect(target, 10_000);
        } catch (IOException e) {
          in.close();
          continue;
        }
        connections.incrementAndGet();
        open.add(in);
        open.add(out);
        relay(in, out, toTarget);
        relay(out, in, fromTarget);
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** A reader that queues each chunk with its due time, and a writer that sends it then. */
  private void relay(Socket from, Socket to, AtomicLong counter) {
    BlockingQueue<Held> queue = new LinkedBlockingQueue<>();
    daemon("delay-read", () -> {
      try (InputStream in = from.getInputStream()) {
        byte[] buffer = new byte[CHUNK];
        int n;
        while ((n = in.read(buffer)) > 0) {
          queue.add(new Held(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
        }
      } catch (IOException ended) {
        // the connection is gone; the writer ends after what is queued
      }
      queue.add(new Held(System.nanoTime() + delayNanos, new byte[0]));
    }).start();
    daemon("delay-write", () -> {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Held held = queue.take();
          long wait = held.dueNanos - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait); // the emulated link delay itself
          }
          if (held.bytes.length == 0) {
            break;
          }
          out.write(held.bytes);
          counter.addAndGet(held.bytes.length);
        }
        to.shutdownOutput();
      } catch (IOException | InterruptedException e) {
        closeQuietly(from);
        closeQuietly(to);
      }
    }).start();
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a broken relay
    }
  }

  /** Resets every relayed connection, as a router that lost its state would. */
  void dropAll() {
    for (Socket s : open) {
      try {
        s.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // already closed
      }
      closeQuietly(s);
    }
    open.clear();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
