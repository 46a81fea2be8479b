package swarmsync.dht;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket speaking KRPC: sends queries and matches their answers by transaction id and
 * source address, with a timeout each, and hands incoming queries to a {@link Responder}.
 * Datagrams that do not decode are dropped with a logged reason; a query that does not decode
 * is answered with a KRPC error.
 */
final class KrpcSocket implements AutoCloseable {
  /** Receive buffer in bytes; a longer datagram is dropped, as no KRPC message needs more. */
  static final int MAX_DATAGRAM_BYTES = 4096;
  /** Bytes in the transaction ids we make: 16 bits cover far more than the in-flight limit. */
  private static final int TID_BYTES = 2;
  private static final Logger LOG = LoggerFactory.getLogger(KrpcSocket.class);

  /** What answers incoming queries; called on the receive thread, must not block. */
  interface Responder {
    /** Returns the answer to send, or null to stay silent (e.g. rate limited). */
    KrpcMessage answer(KrpcQuery query, InetSocketAddress from);
  }

  private record Pending(InetSocketAddress to, CompletableFuture<KrpcResponse> answer) {}

  private final DatagramSocket socket;
  private final Duration timeout;
  private final int maxInFlight;
  private final ScheduledExecutorService scheduler;
  private final Responder responder;
  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final Thread receiver;
  private int nextTid;
  private volatile boolean closed;

  KrpcSocket(InetSocketAddress bind, Duration timeout, int maxInFlight,
      ScheduledExecutorService scheduler, Responder responder) throws SocketException {
    this.socket = new DatagramSocket(bind);
    this.timeout = timeout;
    this.maxInFlight = maxInFlight;
    this.scheduler = scheduler;
    this.responder = responder;
    this.receiver = new Thread(this::receiveLoop, "dht-receive-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Sends a query; the future fails with TimeoutException or the node's KRPC error. */
  CompletableFuture<KrpcResponse> query(InetSocketAddress to, KrpcQuery query) {
    CompletableFuture<KrpcResponse> answer = new CompletableFuture<>();
    int tid;
    synchronized (this) {
      if (pending.size() >= maxInFlight) {
        return CompletableFuture.failedFuture(new IOException(
            "more than " + maxInFlight + " DHT queries in flight; not querying " + to));
      }
      do {
        tid = nextTid++ & 0xffff;
      } while (pending.containsKey(tid));
      pending.put(tid, new Pending(to, answer));
    }
    int key = tid;
    ScheduledFuture<?> timer = scheduler.schedule(() -> answer.completeExceptionally(
        new TimeoutException(query.method().wireName() + " to " + to + " unanswered after "
            + timeout)), timeout.toMillis(), TimeUnit.MILLISECONDS);
    answer.whenComplete((r, e) -> {
      pending.remove(key);
      timer.cancel(false);
    });
    byte[] t = {(byte) (tid >> 8), (byte) tid};
    try {
      send(to, query.withTransactionId(t));
    } catch (IOException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  void send(InetSocketAddress to, KrpcMessage message) throws IOException {
    byte[] bytes = KrpcCodec.encode(message);
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM_BYTES + 1];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("receiving on DHT socket {} failed: {}", localAddress(), e.toString());
        }
        continue;
      }
      InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
      if (packet.getLength() > MAX_DATAGRAM_BYTES) {
        LOG.debug("dropping DHT datagram from {}: longer than {} bytes", from,
            MAX_DATAGRAM_BYTES);
        continue;
      }
      try {
        handle(Arrays.copyOf(buffer, packet.getLength()), from);
      } catch (RuntimeException e) {
        LOG.warn("handling DHT datagram from {} failed", from, e);
      }
    }
  }

  private void handle(byte[] datagram, InetSocketAddress from) {
    KrpcMessage message;
    try {
      message = KrpcCodec.decode(datagram);
    } catch (KrpcException e) {
      LOG.debug("dropping malformed DHT datagram from {}: {}", from, e.getMessage());
      if (e.transactionId() != null) {
        reply(from, new KrpcError(e.transactionId(), e.errorCode(), e.getMessage()));
      }
      return;
    }
    if (message instanceof KrpcQuery q) {
      KrpcMessage answer = responder.answer(q, from);
      if (answer != null) {
        reply(from, answer);
      }
      return;
    }
    byte[] t = message.transactionId();
    Pending p = t.length == TID_BYTES ? pending.get(((t[0] & 0xff) << 8) | (t[1] & 0xff)) : null;
    if (p == null || !p.to().equals(from)) {
      LOG.debug("dropping DHT answer from {} matching no query of ours", from);
      return;
    }
    if (message instanceof KrpcResponse r) {
      p.answer().complete(r);
    } else if (message instanceof KrpcError e) {
      p.answer().completeExceptionally(new KrpcException(
          from + " answered KRPC error " + e.code() + ": " + e.message(), t, e.code()));
    }
  }

  private void reply(InetSocketAddress to, KrpcMessage message) {
    try {
      send(to, message);
    } catch (IOException e) {
      LOG.debug("answering {} failed: {}", to, e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
    pending.values().forEach(p -> p.answer().completeExceptionally(
        new IOException("DHT socket " + localAddress() + " closed")));
  }
}
