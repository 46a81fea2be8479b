package swarmsync.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protocol session with one peer over a pair of streams (the {@code net} package gives it
 * TLS socket streams). A reader thread decodes frames and calls the {@link PeerListener}; a
 * writer thread drains a queue bounded in bytes, so a slow peer blocks its senders. Time comes
 * from the injected clock; a scheduler calls {@link #checkTimers()} every {@link #TIMER_TICK}
 * to ping an idle peer, drop a silent one and time out unanswered requests.
 *
 * <p>The first frame each way is Hello ({@link #start} sends ours). A malformed frame, a
 * protocol violation or an I/O error closes this session only: the reason is logged, sent to
 * the peer in a Close when possible, pending requests fail and the listener hears
 * {@link PeerListener#onClosed} once.
 */
public final class PeerSession {
  /** Ping after this long without sending: under the 5-minute idle cut of many NAT routers. */
  public static final Duration PING_INTERVAL = Duration.ofSeconds(90);

  /** Close after this long without receiving anything: more than three missed pings. */
  public static final Duration RECEIVE_TIMEOUT = Duration.ofMinutes(5);

  /**
   * Fail a request not answered within this: a 4 MiB chunk behind a full window of others
   * on a 2 Mbit/s uplink takes about a minute; twice that means the peer is not answering.
   */
  public static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** How often the timers are checked: the precision of the three durations above. */
  public static final Duration TIMER_TICK = Duration.ofSeconds(5);

  /** How long close waits for the Close frame to be written before closing the streams. */
  public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** Bytes of encoded frames that may wait for the writer: two of the largest frames. */
  public static final int QUEUE_BYTES = 2 * Limits.MAX_FRAME_BYTES;

  /** Characters of a close reason sent to the peer: at 3 UTF-8 bytes each, within the limit. */
  private static final int REASON_CHARS = Limits.MAX_REASON_BYTES / 3;

  private static final Logger log = LoggerFactory.getLogger(PeerSession.class);
  private static final byte[] PING_FRAME = FrameCodec.encode(new Message.Ping());

  private final String peer;
  private final InputStream in;
  private final OutputStream out;
  private final PeerListener listener;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final OutboundQueue queue = new OutboundQueue(QUEUE_BYTES);
  private final PendingRequests pending = new PendingRequests();
  private final IncomingRequests incoming = new IncomingRequests();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch writerDone = new CountDownLatch(1);
  private volatile long lastReceivedMillis;
  private volatile long lastSentMillis;
  private volatile String closeReason;
  private volatile Thread writer;
  private ScheduledFuture<?> tick;
  private boolean helloReceived;

  /**
   * A session, not yet started.
   *
   * @param peer     who is on the other end, for logs and errors (e.g. device id and address)
   * @param timers   runs {@link #checkTimers()}; shared by many sessions
   */
  public PeerSession(String peer, InputStream in, OutputStream out, PeerListener listener,
      Clock clock, ScheduledExecutorService timers) {
    this.peer = peer;
    this.in = in;
    this.out = out;
    this.listener = listener;
    this.clock = clock;
    this.timers = timers;
  }

  /** Sends our Hello first, then starts the reader, the writer and the timers. */
  public void start(Message.Hello hello) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("session with " + peer + " was already started");
    }
    lastReceivedMillis = clock.millis();
    lastSentMillis = lastReceivedMillis;
    queue.putUncounted(FrameCodec.encode(hello), null);
    writer = startThread("peer-writer " + peer, this::writeLoop);
    startThread("peer-reader " + peer, this::readLoop);
    long tickMillis = TIMER_TICK.toMillis();
    tick = timers.scheduleWithFixedDelay(this::checkTimers, tickMillis, tickMillis,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Queues a FolderJoin, FolderJoinResult, Index, IndexUpdate, DownloadProgress, PeerExchange,
   * InviteRedeem or InviteResult, waiting while the queue is full. Throws IOException when the
   * session is closed.
   */
  public void send(Message message) throws IOException {
    if (!offer(message, Duration.ofNanos(Long.MAX_VALUE))) {
      throw closedException();
    }
  }

  /** Like {@link #send} but waits at most {@code timeout} for room; false if there was none. */
  public boolean offer(Message message, Duration timeout) throws IOException {
    MessageType type = message.type();
    if (type == MessageType.HELLO || type == MessageType.REQUEST || type == MessageType.RESPONSE
        || type == MessageType.PING || type == MessageType.CLOSE) {
      throw new IllegalArgumentException(type + " is sent by the session itself, not by send");
    }
    return enqueue(message, timeout);
  }

  /**
   * Sends a chunk request under a fresh id (the id in {@code request} is ignored) and returns
   * the Response. Waits while the queue is full. The future fails with a TimeoutException
   * after {@link #REQUEST_TIMEOUT}, and with an IOException if the session closes first.
   */
  public CompletableFuture<Message.Response> request(Message.Request request) {
    CompletableFuture<Message.Response> response = new CompletableFuture<>();
    Message.Request sent = pending.add(request, clock.millis() + REQUEST_TIMEOUT.toMillis(),
        response);
    try {
      if (!enqueue(sent, Duration.ofNanos(Long.MAX_VALUE))) {
        pending.fail(sent.id(), closedException());
      }
    } catch (IOException | RuntimeException e) {
      pending.fail(sent.id(), e);
    }
    return response;
  }

  /** Sends Close with the reason, closes the streams and fails pending requests; idempotent. */
  public void close(String reason) {
    shutDown(reason, true);
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Why the session closed, or null while it is open. */
  public String closeReason() {
    return closeReason;
  }

  /** The peer's description given at construction. */
  public String peer() {
    return peer;
  }

  @Override
  public String toString() {
    return "PeerSession[" + peer + "]";
  }

  /** Pings an idle peer, closes a silent one, fails overdue requests; run every TIMER_TICK. */
  synchronized void checkTimers() {
    if (!started.get() || closed.get()) {
      return;
    }
    try {
      long now = clock.millis();
      pending.expire(now, peer);
      if (now - lastReceivedMillis >= RECEIVE_TIMEOUT.toMillis()) {
        log.info("closing session with {}: nothing received for {} s", peer,
            RECEIVE_TIMEOUT.toSeconds());
        shutDown("nothing received for " + RECEIVE_TIMEOUT.toSeconds() + " s", true);
      } else if (now - lastSentMillis >= PING_INTERVAL.toMillis()) {
        lastSentMillis = now;
        queue.putUncounted(PING_FRAME, null);
      }
    } catch (RuntimeException e) {
      log.error("checking timers of session with {} failed", peer, e);
    }
  }

  private boolean enqueue(Message message, Duration timeout) throws IOException {
    if (!started.get()) {
      throw new IllegalStateException("session with " + peer + " is not started: Hello first");
    }
    byte[] frame = FrameCodec.encode(message);
    try {
      if (queue.offer(frame, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while queueing " + message.type() + " for "
          + peer);
    }
    if (closed.get()) {
      throw closedException();
    }
    return false;
  }

  private void readLoop() {
    FrameReader reader = new FrameReader(in);
    Message message = null;
    try {
      while (!closed.get()) {
        message = reader.read();
        if (message == null) {
          shutDown("peer closed the connection", false);
          return;
        }
        lastReceivedMillis = clock.millis();
        handle(message);
      }
    } catch (ProtocolException e) {
      log.warn("closing session with {}: {}", peer, e.getMessage());
      shutDown("protocol error: " + e.getMessage(), true);
    } catch (IOException e) {
      if (!closed.get()) {
        log.info("closing session with {}: reading failed: {}", peer, e.toString());
        shutDown("reading from peer failed: " + e, false);
      }
    } catch (RuntimeException e) {
      log.error("closing session with {}: handling {} failed", peer,
          message == null ? "a frame" : message.type(), e);
      shutDown("internal error", true);
    }
  }

  private void handle(Message message) throws ProtocolException {
    if (message instanceof Message.Close c) {
      shutDown("peer closed the session: " + c.reason(), false);
    } else if (!helloReceived) {
      if (!(message instanceof Message.Hello hello)) {
        throw new ProtocolException("expected Hello as the first message, got "
            + message.type());
      }
      helloReceived = true;
      listener.onHello(this, hello);
    } else if (message instanceof Message.Hello) {
      throw new ProtocolException("a second Hello on one session");
    } else if (message instanceof Message.Ping) {
      log.trace("ping from {}", peer);
    } else if (message instanceof Message.Response r) {
      if (!pending.complete(r)) {
        log.debug("response {} from {} matches no pending request (timed out?)", r.id(), peer);
      }
    } else if (message instanceof Message.Request r) {
      answer(r);
    } else if (message instanceof Message.FolderJoin j) {
      listener.onFolderJoin(this, j);
    } else if (message instanceof Message.FolderJoinResult r) {
      listener.onFolderJoinResult(this, r);
    } else if (message instanceof Message.Index i) {
      listener.onIndex(this, i);
    } else if (message instanceof Message.IndexUpdate u) {
      listener.onIndexUpdate(this, u);
    } else if (message instanceof Message.DownloadProgress p) {
      listener.onDownloadProgress(this, p);
    } else if (message instanceof Message.PeerExchange x) {
      listener.onPeerExchange(this, x);
    } else if (message instanceof Message.InviteRedeem r) {
      listener.onInviteRedeem(this, r);
    } else if (message instanceof Message.InviteResult r) {
      listener.onInviteResult(this, r);
    } else if (message instanceof Message.EncryptedIndex e) {
      listener.onEncryptedIndex(this, e);
    } else {
      throw new IllegalStateException("no handler for " + message.type());
    }
  }

  private void answer(Message.Request request) throws ProtocolException {
    incoming.admit(request);
    CompletionStage<Message.Response> answer;
    try {
      answer = listener.onRequest(this, request);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((response, error) -> respond(request, response, error));
  }

  private void respond(Message.Request request, Message.Response response, Throwable error) {
    byte[] frame;
    try {
      if (error != null || response == null) {
        throw new IllegalStateException(error == null ? "the answer was null" : error.toString(),
            error);
      }
      frame = FrameCodec.encode(response.withId(request.id()));
    } catch (RuntimeException e) {
      log.warn("answering request {} for {} from {} with GENERIC: {}", request.id(),
          request.path(), peer, e.getMessage());
      frame = FrameCodec.encode(Message.Response.error(request.id(),
          Message.ResponseCode.GENERIC));
    }
    if (!queue.putUncounted(frame, () -> incoming.release(request))) {
      incoming.release(request);
    }
  }

  private void writeLoop() {
    try {
      for (OutboundQueue.Entry e = queue.take(); e != null; e = queue.take()) {
        out.write(e.frame());
        lastSentMillis = clock.millis();
        if (e.onTaken() != null) {
          e.onTaken().run();
        }
        if (queue.isEmpty()) {
          out.flush();
        }
      }
      out.flush();
    } catch (IOException e) {
      if (!closed.get()) {
        log.info("closing session with {}: writing failed: {}", peer, e.toString());
      }
      shutDown("writing to peer failed: " + e, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutDown("writer interrupted", false);
    } finally {
      writerDone.countDown();
    }
  }

  private void shutDown(String reason, boolean sendClose) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeReason = reason;
    pending.failAll(closedException());
    queue.closeWith(sendClose ? FrameCodec.encode(new Message.Close(shorten(reason))) : null);
    if (tick != null) {
      tick.cancel(false);
    }
    if (started.get() && Thread.currentThread() != writer) {
      try {
        writerDone.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeQuietly(out);
    closeQuietly(in);
    listener.onClosed(this, reason);
  }

  private IOException closedException() {
    return new IOException("session with " + peer + " is closed: " + closeReason);
  }

  private static String shorten(String reason) {
    if (reason.length() <= REASON_CHARS) {
      return reason;
    }
    int end = Character.isHighSurrogate(reason.charAt(REASON_CHARS - 1)) ? REASON_CHARS - 1
        : REASON_CHARS;
    return reason.substring(0, end);
  }

  private void closeQuietly(Closeable stream) {
    try {
      stream.close();
    } catch (IOException e) {
      log.debug("closing a stream of the session with {} failed", peer, e);
    }
  }

  private static Thread startThread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
