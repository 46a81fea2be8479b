package swarmsync.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.record.DeviceId;

/**
 * This device's TLS connections to its peers: listens, dials persistent targets, authenticates
 * each socket by its certificate hash, and keeps one connection per device pair.
 *
 * <p>Each handshake runs on its own thread under a deadline, so a silent or hostile client
 * never blocks the accept loop, and at most {@link ConnectionSettings#maxHandshakes()} inbound
 * handshakes run at once. Every refused connection is logged with its reason.
 */
public final class ConnectionManager implements AutoCloseable {
  /** Listen backlog: room for a burst of peers reconnecting after a network change. */
  static final int BACKLOG = 128;
  /** Pause after a failed accept (e.g. out of file descriptors), so the loop does not spin. */
  static final long ACCEPT_FAILURE_PAUSE_MILLIS = 100;

  private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);

  private final DeviceCertificate cert;
  private final InetSocketAddress listen;
  private final ConnectionHandler handler;
  private final ConnectionSettings settings;
  private final SSLContext tls;
  private final ConnectionRegistry registry;
  private final Semaphore handshakeSlots;
  private final Set<Socket> handshaking = ConcurrentHashMap.newKeySet();
  private final Map<InetSocketAddress, Thread> dialers = new ConcurrentHashMap<>();
  /** Per dial target, the device the last completed handshake there proved to be. */
  private final Map<InetSocketAddress, DeviceId> reached = new ConcurrentHashMap<>();
  private final ExecutorService handshakes =
      Executors.newCachedThreadPool(new DaemonThreads("swarmsync-net-handshake"));
  private final ScheduledThreadPoolExecutor deadlines =
      new ScheduledThreadPoolExecutor(1, new DaemonThreads("swarmsync-net-deadline"));
  private volatile SSLServerSocket server;

  /** A manager listening on {@code listen} (port 0: any free port) once started. */
  public ConnectionManager(DeviceCertificate cert, InetSocketAddress listen,
      ConnectionHandler handler) {
    this(cert, listen, handler, ConnectionSettings.DEFAULTS);
  }

  ConnectionManager(DeviceCertificate cert, InetSocketAddress listen,
      ConnectionHandler handler, ConnectionSettings settings) {
    this.cert = cert;
    this.listen = listen;
    this.handler = handler;
    this.settings = settings;
    this.tls = TlsContexts.create(cert);
    this.registry = new ConnectionRegistry(cert.deviceId());
    this.handshakeSlots = new Semaphore(settings.maxHandshakes());
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** Binds the listener and starts accepting; returns the bound address. */
  public synchronized InetSocketAddress start() throws IOException {
    if (server != null || registry.isClosed()) {
      throw new IllegalStateException("connection manager for " + cert.deviceId()
          + " already started or closed");
    }
    InetSocketAddress bind = resolve(listen);
    SSLServerSocket socket = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
    try {
      // A restarted device rebinds its port while old connections sit in TIME_WAIT.
      socket.setReuseAddress(true);
      socket.bind(bind, BACKLOG);
    } catch (IOException e) {
      socket.close();
      throw new IOException("listening on " + bind + ": " + e.getMessage(), e);
    }
    server = socket;
    Thread acceptor = new DaemonThreads("swarmsync-net-accept").newThread(this::acceptLoop);
    acceptor.start();
    InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
    log.info("listening for peers on {} as {}", bound, cert.deviceId());
    return bound;
  }

  /** Adds a persistent dial target, dialed now and redialed until close; repeats are ignored. */
  public void dial(InetSocketAddress address) {
    if (registry.isClosed()) {
      throw new IllegalStateException("connection manager for " + cert.deviceId()
          + " is closed; cannot dial " + address);
    }
    dialers.computeIfAbsent(address, a -> {
      Dialer dialer = new Dialer(a, this::dialOnce, registry, settings);
      Thread thread = new DaemonThreads("swarmsync-net-dial " + a).newThread(dialer);
      thread.start();
      return thread;
    });
  }

  /**
   * Runs our peer TLS handshake over a relayed byte stream (a socket whose relay session is
   * joined) and offers the connection as relayed through {@code relay}: as TLS server if the
   * relay's invitation says so, else as client (then it counts as dialed by us). Blocks for
   * the handshake.
   *
   * @param expected the device we asked the relay for, if we did; any other is refused
   * @return the connection if it was kept
   */
  public Optional<PeerConnection> handshakeRelayed(Socket stream, boolean tlsServer,
      String relay, Optional<DeviceId> expected) throws IOException {
    InetSocketAddress remote = (InetSocketAddress) stream.getRemoteSocketAddress();
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(stream,
        remote.getHostString(), remote.getPort(), true);
    socket.setUseClientMode(!tlsServer);
    PeerConnection connection;
    try {
      connection = handshake(socket, !tlsServer, Optional.of(relay));
    } catch (IOException e) {
      logRefusal("relayed connection via " + relay, e);
      throw e;
    }
    if (expected.isPresent() && !expected.get().equals(connection.peer())) {
      connection.close();
      throw new IOException("relay " + relay + " joined us to " + connection.peer()
          + ", not " + expected.get());
    }
    return offer(connection) == ConnectionRegistry.Verdict.KEPT ? Optional.of(connection)
        : Optional.empty();
  }

  /** This device's id. */
  public DeviceId deviceId() {
    return cert.deviceId();
  }

  /** The device the last handshake at a dial target (as given to {@link #dial}) reached. */
  public Optional<DeviceId> deviceAt(InetSocketAddress dialTarget) {
    return Optional.ofNullable(reached.get(dialTarget));
  }

  public Set<DeviceId> connectedDevices() {
    return registry.devices();
  }

  public Optional<PeerConnection> connection(DeviceId device) {
    return registry.connection(device);
  }

  /** Inbound handshakes in progress now. */
  int handshakesInProgress() {
    return settings.maxHandshakes() - handshakeSlots.availablePermits();
  }

  /** Stops listening and dialing and closes every connection; later calls do nothing. */
  @Override
  public void close() {
    if (registry.isClosed()) {
      return;
    }
    for (PeerConnection connection : registry.close()) {
      connection.close();
    }
    closeQuietly(server);
    handshaking.forEach(ConnectionManager::closeQuietly);
    dialers.values().forEach(Thread::interrupt);
    handshakes.shutdownNow();
    deadlines.shutdownNow();
  }

  private void acceptLoop() {
    while (!registry.isClosed()) {
      SSLSocket socket;
      try {
        socket = (SSLSocket) server.accept();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
        log.warn("accepting a connection on {} failed: {}", server.getLocalSocketAddress(),
            e.toString());
        sleepAfterAcceptFailure();
        continue;
      }
      if (!handshakeSlots.tryAcquire()) {
        log.info("refused connection from {}: {} handshakes already in progress",
            socket.getRemoteSocketAddress(), settings.maxHandshakes());
        closeQuietly(socket);
        continue;
      }
      try {
        handshakes.execute(() -> accepted(socket));
      } catch (RejectedExecutionException e) {
        handshakeSlots.release();
        closeQuietly(socket);
      }
    }
  }

  /** Authenticates an accepted socket on a handshake thread, holding a slot until then. */
  private void accepted(SSLSocket socket) {
    PeerConnection connection;
    try {
      connection = handshake(socket, false);
    } catch (IOException e) {
      logRefusal("connection from " + socket.getRemoteSocketAddress(), e);
      return;
    } finally {
      handshakeSlots.release();
    }
    offer(connection);
  }

  /** The dialer's attempt: connect, handshake and offer the connection. */
  private Dialer.Dialed dialOnce(InetSocketAddress address) throws IOException {
    InetSocketAddress target = resolve(address);
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
    handshaking.add(socket);
    try {
      if (registry.isClosed()) {
        throw new IOException("connection manager closed");
      }
      socket.connect(target, Math.toIntExact(settings.dialTimeout().toMillis()));
    } catch (IOException e) {
      closeQuietly(socket);
      throw new IOException("connecting to " + target + ": " + e.getMessage(), e);
    } finally {
      handshaking.remove(socket);
    }
    PeerConnection connection;
    try {
      connection = handshake(socket, true);
    } catch (IOException e) {
      logRefusal("connection to " + target, e);
      throw e;
    }
    reached.put(address, connection.peer());
    ConnectionRegistry.Verdict verdict = offer(connection);
    return new Dialer.Dialed(connection.peer(), verdict,
        verdict == ConnectionRegistry.Verdict.KEPT ? Optional.of(connection) : Optional.empty());
  }

  /**
   * Runs the TLS handshake under the handshake timeout: the socket's read timeout catches a
   * silent peer, a deadline that closes the socket catches one that trickles bytes.
   */
  private PeerConnection handshake(SSLSocket socket, boolean outbound) throws IOException {
    return handshake(socket, outbound, Optional.empty());
  }

  private PeerConnection handshake(SSLSocket socket, boolean outbound, Optional<String> relay)
      throws IOException {
    handshaking.add(socket);
    long timeoutMillis = settings.handshakeTimeout().toMillis();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> deadline;
    try {
      deadline = deadlines.schedule(() -> {
        expired.set(true);
        closeQuietly(socket);
      }, timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      closeQuietly(socket);
      handshaking.remove(socket);
      throw new IOException("connection manager closed");
    }
    try {
      if (registry.isClosed()) {
        throw new IOException("connection manager closed");
      }
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.setSoTimeout(Math.toIntExact(timeoutMillis));
      socket.startHandshake();
      if (!deadline.cancel(false)) {
        throw new SocketTimeoutException();
      }
      socket.setSoTimeout(0);
      return PeerConnection.open(socket, outbound, cert.certificateHash(), registry::remove,
          relay);
    } catch (IOException e) {
      closeQuietly(socket);
      throw e instanceof SocketTimeoutException || expired.get()
          ? new IOException("handshake timed out after " + timeoutMillis + " ms", e)
          : new IOException("handshake failed: " + e.getMessage(), e);
    } finally {
      deadline.cancel(false);
      handshaking.remove(socket);
    }
  }

  /** Registers an authenticated connection and hands it to the handler if it is kept. */
  private ConnectionRegistry.Verdict offer(PeerConnection connection) {
    ConnectionRegistry.Admission admission = registry.admit(connection);
    switch (admission.verdict()) {
      case KEPT -> {
        admission.displaced().ifPresent(old -> {
          log.info("closing {}: replaced by {}, the connection both ends keep", old, connection);
          old.close();
        });
        log.info("connected to {} ({}, {})", connection, connection.protocol(),
            connection.cipherSuite());
        deliver(connection);
      }
      case SELF -> {
        log.info("refused {}: self-connection, the peer is this device", connection);
        connection.close();
      }
      case DUPLICATE -> {
        log.info("refused {}: duplicate, the connection dialed by the smaller device id is"
            + " kept", connection);
        connection.close();
      }
      case SHUT_DOWN -> connection.close();
      default -> throw new IllegalStateException("unknown verdict " + admission.verdict());
    }
    return admission.verdict();
  }

  /** Logs why a connection was refused; sockets cut by our own shutdown are no news. */
  private void logRefusal(String what, IOException e) {
    if (registry.isClosed()) {
      log.debug("dropped {} at shutdown: {}", what, e.getMessage());
    } else {
      log.info("refused {}: {}", what, e.getMessage());
    }
  }

  private void deliver(PeerConnection connection) {
    try {
      handler.connected(connection);
    } catch (RuntimeException e) {
      log.warn("connection handler failed on {}; closing it", connection, e);
      connection.close();
    }
  }

  /** Resolves a host name now, so a dial target follows DNS changes between dials. */
  private static InetSocketAddress resolve(InetSocketAddress address)
      throws UnknownHostException {
    InetSocketAddress resolved = address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    if (resolved.isUnresolved()) {
      throw new UnknownHostException("cannot resolve " + address.getHostString());
    }
    return resolved;
  }

  private static void sleepAfterAcceptFailure() {
    try {
      Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Already broken: closing is all that was wanted.
    }
  }
}
