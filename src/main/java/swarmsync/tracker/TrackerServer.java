package swarmsync.tracker;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our own BitTorrent tracker: HTTP announce (BEP 3, 23) on a TCP port and the UDP tracker
 * protocol (BEP 15) on the UDP port of the same number, sharing one in-memory {@link Swarms}.
 */
public final class TrackerServer implements AutoCloseable {
  /** 30 min: the announce interval most trackers give; peers expire after two of them. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
  /** 4 HTTP workers: an announce takes microseconds; a slow client holds one for 5 s. */
  static final int HTTP_WORKERS = 4;
  /** 64 accepted connections may wait for a worker; more are closed at once. */
  static final int HTTP_QUEUE = 64;
  /** 50 connections in the kernel's accept backlog. */
  private static final int BACKLOG = 50;
  /** 20 tries at a free port number that is free for TCP and UDP alike (port 0 only). */
  private static final int BIND_ATTEMPTS = 20;
  /** 5 s to let the threads finish on close. */
  private static final long CLOSE_WAIT_MS = 5000;

  private final InetSocketAddress bind;
  private final Duration interval;
  private final Swarms swarms;
  private final ConnectionIds connectionIds;
  private ServerSocket tcp;
  private DatagramSocket udp;
  private ExecutorService threads;
  private ExecutorService workers;

  /** A tracker on {@code bind} (port 0: any port free for both TCP and UDP). */
  public TrackerServer(InetSocketAddress bind) {
    this(bind, DEFAULT_INTERVAL, Clock.systemUTC());
  }

  /** A tracker giving {@code interval} to its clients and reading time from {@code clock}. */
  public TrackerServer(InetSocketAddress bind, Duration interval, Clock clock) {
    if (interval.toSeconds() < 1) {
      throw new IllegalArgumentException("interval must be at least 1 s, got " + interval);
    }
    this.bind = bind;
    this.interval = interval;
    this.swarms = new Swarms(interval, clock);
    this.connectionIds = new ConnectionIds(clock);
  }

  /** Binds both sockets, starts serving, and returns the bound address. */
  public synchronized InetSocketAddress start() throws IOException {
    if (tcp != null) {
      throw new IllegalStateException("tracker already started on " + address());
    }
    bindBoth();
    String name = "tracker-" + tcp.getLocalPort();
    threads = Executors.newFixedThreadPool(2, daemonThreads(name));
    workers = new ThreadPoolExecutor(HTTP_WORKERS, HTTP_WORKERS, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(HTTP_QUEUE), daemonThreads(name + "-http"));
    threads.execute(new HttpTrackerEndpoint(tcp, workers, swarms, interval));
    threads.execute(new UdpTrackerEndpoint(udp, swarms, connectionIds, interval));
    return address();
  }

  /** The bound address (after {@link #start()}). */
  public synchronized InetSocketAddress address() {
    if (tcp == null) {
      throw new IllegalStateException("tracker not started");
    }
    return new InetSocketAddress(tcp.getInetAddress(), tcp.getLocalPort());
  }

  /** {@code http://host:port/announce} of the bound address. */
  public String httpUrl() {
    return "http://" + hostPort() + "/announce";
  }

  /** {@code udp://host:port/announce} of the bound address. */
  public String udpUrl() {
    return "udp://" + hostPort() + "/announce";
  }

  private String hostPort() {
    InetSocketAddress address = address();
    String host = address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private void bindBoth() throws IOException {
    BindException last = null;
    for (int attempt = 1; attempt <= (bind.getPort() == 0 ? BIND_ATTEMPTS : 1); attempt++) {
      ServerSocket server = new ServerSocket();
      try {
        server.bind(bind, BACKLOG);
        udp = new DatagramSocket(new InetSocketAddress(server.getInetAddress(),
            server.getLocalPort()));
        tcp = server;
        return;
      } catch (BindException e) {
        server.close();
        last = e;
      }
    }
    throw new BindException("binding tracker to " + bind + " (TCP and UDP): "
        + last.getMessage());
  }

  @Override
  public synchronized void close() {
    if (tcp == null) {
      return;
    }
    try {
      tcp.close();
    } catch (IOException e) {
      // closing a listening socket fails only if it is already closed
    }
    udp.close();
    threads.shutdown();
    workers.shutdown();
    try {
      threads.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
      workers.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    threads.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
