package swarmsync.relay;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.util.DaemonThreads;
import swarmsync.util.Hex;

/**
 * Our relay server: Syncthing relay protocol v1 on one port, TLS (ALPN {@code bep-relay}) for
 * protocol mode and plain TCP for sessions, told apart by the first byte (0x16 starts a TLS
 * handshake), plus our rendezvous extension. It pairs two session sockets by key and copies
 * bytes between them; what it copies is TLS between the two devices, so it learns no key and
 * no content. Limits: {@link RelayLimits}.
 */
public final class RelayServer implements AutoCloseable {
  /** Tag in our join answer ("success " + tag) that tells clients the extension is here. */
  public static final String RENDEZVOUS_TAG = "swarmsync-rendezvous/1";
  /** First byte of a TLS handshake record. */
  private static final int TLS_HANDSHAKE = 0x16;
  /** Pause after a failed accept, so the loop does not spin. */
  private static final long ACCEPT_FAILURE_PAUSE_MILLIS = 100;
  /** Session keys: 32 random bytes, as strelaysrv makes them. */
  private static final int KEY_BYTES = 32;

  private static final Logger log = LoggerFactory.getLogger(RelayServer.class);

  private final SSLContext tls;
  private final InetSocketAddress bind;
  private final RelayLimits limits;
  private final SecureRandom random = new SecureRandom();
  private final Map<InetAddress, AtomicInteger> perIp = new ConcurrentHashMap<>();
  private final Map<String, ProtocolConnection> permanent = new ConcurrentHashMap<>();
  private final Map<String, RelaySession> sessions = new ConcurrentHashMap<>();
  private final AtomicLong relayed = new AtomicLong();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(new DaemonThreads("swarmsync-relay"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(new DaemonThreads("swarmsync-relay-timer"));
  private volatile ServerSocket server;
  private volatile boolean closed;

  /** A relay that will listen on {@code bind} with the certificate of {@code tls}. */
  public RelayServer(SSLContext tls, InetSocketAddress bind, RelayLimits limits) {
    this.tls = tls;
    this.bind = bind;
    this.limits = limits;
  }

  /** Binds and starts accepting; returns the bound address. */
  public synchronized InetSocketAddress start() throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(bind.isUnresolved() ? new InetSocketAddress(bind.getHostString(),
          bind.getPort()) : bind, 128);
    } catch (IOException e) {
      socket.close();
      throw new IOException("relay listening on " + bind + ": " + e.getMessage(), e);
    }
    server = socket;
    long ping = limits.pingInterval().toMillis();
    timers.scheduleAtFixedRate(this::pingAll, ping, ping, TimeUnit.MILLISECONDS);
    workers.execute(this::acceptLoop);
    InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
    log.info("relay listening on {}", bound);
    return bound;
  }

  /** Sessions with both ends joined, now. */
  public int activeSessions() {
    return (int) sessions.values().stream().filter(RelaySession::active).count();
  }

  /** Clients in permanent mode, now. */
  public int permanentClients() {
    return permanent.size();
  }

  /** Bytes copied between session ends so far. */
  public long bytesRelayed() {
    return relayed.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (closed || server.isClosed()) {
          return;
        }
        log.warn("relay accept failed: {}", e.toString());
        pauseAfterAcceptFailure();
        continue;
      }
      InetAddress ip = socket.getInetAddress();
      AtomicInteger count = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
      if (count.incrementAndGet() > limits.maxPerIp()) {
        release(ip);
        log.info("relay refused {}: {} connections from that address already",
            socket.getRemoteSocketAddress(), limits.maxPerIp());
        closeQuietly(socket);
        continue;
      }
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        release(ip);
        closeQuietly(socket);
      }
    }
  }

  /** Waits a little after a failed accept (e.g. out of file descriptors), not to spin. */
  private static void pauseAfterAcceptFailure() {
    try {
      Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout(Math.toIntExact(limits.joinTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      int first = socket.getInputStream().read();
      if (first < 0) {
        return;
      }
      byte[] consumed = {(byte) first};
      if (first == TLS_HANDSHAKE) {
        protocolMode(socket, consumed);
      } else {
        sessionMode(socket, new SequenceInputStream(new ByteArrayInputStream(consumed),
            socket.getInputStream()));
      }
    } catch (IOException e) {
      log.info("relay connection from {} ended: {}", socket.getRemoteSocketAddress(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(socket);
      release(socket.getInetAddress());
    }
  }

  private void protocolMode(Socket raw, byte[] consumed) throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw,
        new ByteArrayInputStream(consumed), true);
    socket.setUseClientMode(false);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setApplicationProtocols(new String[] {RelayClient.ALPN});
    parameters.setNeedClientAuth(true);
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    ProtocolConnection client = new ProtocolConnection(socket, RelayClient.relayId(socket));
    socket.setSoTimeout(Math.toIntExact(limits.networkTimeout().toMillis()));
    try {
      while (answer(client, RelayCodec.read(socket.getInputStream()))) {
        // Each message answered; the loop ends when the client is done or misbehaved.
      }
    } finally {
      permanent.remove(client.deviceKey(), client);
      client.close();
    }
  }

  /** Answers one protocol message; false when the connection is to close. */
  private boolean answer(ProtocolConnection client, RelayMessage message) throws IOException {
    if (message instanceof RelayMessage.Ping) {
      client.send(new RelayMessage.Pong());
    } else if (message instanceof RelayMessage.Pong) {
      return true;
    } else if (message instanceof RelayMessage.JoinRelayRequest && !client.joined()) {
      client.markJoined();
      ProtocolConnection old = permanent.put(client.deviceKey(), client);
      if (old != null) {
        log.info("relay: {} joined again; closing its older connection", client);
        old.close();
      }
      client.send(new RelayMessage.Response(RelayCodec.CODE_SUCCESS,
          "success " + RENDEZVOUS_TAG));
    } else if (message instanceof RelayMessage.ConnectRequest request) {
      connect(client, request.deviceId());
      return false;
    } else if (message instanceof RelayMessage.RegisterFolders register && client.joined()) {
      client.register(register.tokens());
    } else if (message instanceof RelayMessage.LookupFolder lookup) {
      client.send(new RelayMessage.LookupResult(serving(lookup.token(), client)));
    } else {
      client.send(new RelayMessage.Response(RelayCodec.CODE_UNEXPECTED_MESSAGE,
          "unexpected message"));
      return false;
    }
    return true;
  }

  private List<byte[]> serving(byte[] token, ProtocolConnection asking) {
    List<byte[]> ids = new ArrayList<>();
    for (ProtocolConnection c : permanent.values()) {
      if (ids.size() < RelayCodec.MAX_LOOKUP_IDS && c != asking && c.serves(token)) {
        ids.add(c.deviceId());
      }
    }
    return ids;
  }

  private void connect(ProtocolConnection client, byte[] target) throws IOException {
    ProtocolConnection server = permanent.get(Hex.encode(target));
    if (server == null) {
      client.send(new RelayMessage.Response(RelayCodec.CODE_NOT_FOUND, "not found"));
      return;
    }
    if (sessions.size() >= limits.maxSessions()) {
      log.info("relay full: {} sessions; refused {}", limits.maxSessions(), client);
      client.send(new RelayMessage.RelayFull());
      return;
    }
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    RelaySession session = new RelaySession(Hex.encode(key), limits, relayed);
    sessions.put(session.key(), session);
    timers.schedule(() -> expireIfPending(session), limits.joinTimeout().toMillis(),
        TimeUnit.MILLISECONDS);
    byte[] address = invitationAddress();
    int port = server().getLocalPort();
    client.send(new RelayMessage.SessionInvitation(target, key, address, port, false));
    try {
      server.send(new RelayMessage.SessionInvitation(client.deviceId(), key, address, port,
          true));
    } catch (IOException e) {
      server.close();
    }
    log.info("relay: session for {} and {}", client, server);
  }

  private void sessionMode(Socket socket, InputStream in)
      throws IOException, InterruptedException {
    RelayMessage message = RelayCodec.read(in);
    RelaySession session = message instanceof RelayMessage.JoinSessionRequest join
        ? sessions.get(Hex.encode(join.key())) : null;
    if (session == null || !session.add(socket)) {
      socket.getOutputStream().write(RelayCodec.encode(
          new RelayMessage.Response(RelayCodec.CODE_NOT_FOUND, "not found")));
      return;
    }
    try {
      socket.getOutputStream().write(RelayCodec.encode(
          new RelayMessage.Response(RelayCodec.CODE_SUCCESS, "success")));
      session.pump(socket);
    } finally {
      session.close();
      sessions.remove(session.key(), session);
    }
  }

  private void expireIfPending(RelaySession session) {
    if (!session.active()) {
      session.close();
      sessions.remove(session.key(), session);
    }
  }

  /** The bound IP as 16 bytes (IPv4-mapped for IPv4), as strelaysrv sends it. */
  private byte[] invitationAddress() {
    byte[] ip = server().getInetAddress().getAddress();
    if (ip.length == 16) {
      return ip;
    }
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(ip, 0, mapped, 12, 4);
    return mapped;
  }

  private ServerSocket server() {
    return server;
  }

  private void pingAll() {
    for (ProtocolConnection c : permanent.values()) {
      try {
        c.send(new RelayMessage.Ping());
      } catch (IOException e) {
        c.close();
      }
    }
  }

  private void release(InetAddress ip) {
    perIp.computeIfPresent(ip, (k, v) -> v.decrementAndGet() <= 0 ? null : v);
  }

  /** Stops listening and closes every connection and session. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    permanent.values().forEach(ProtocolConnection::close);
    sessions.values().forEach(RelaySession::close);
    workers.shutdownNow();
    timers.shutdownNow();
  }

  static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // Already broken.
    }
  }
}
