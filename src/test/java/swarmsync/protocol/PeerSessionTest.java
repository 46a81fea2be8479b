package swarmsync.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import swarmsync.util.Hex;

/** Sessions over real loopback sockets, with the raw side speaking bytes where it matters. */
class PeerSessionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final List<AutoCloseable> cleanup = new ArrayList<>();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    timers.shutdownNow();
  }

  @Test
  void helloGoesFirstAndMessagesReachTheOtherSidesListener() throws Exception {
    Pair pair = connectedPair();
    await().atMost(WAIT).until(() -> pair.rightHeard.received.size() == 1);
    assertThat(pair.rightHeard.received.get(0)).usingRecursiveComparison()
        .isEqualTo(Samples.hello());
    pair.left.send(Samples.index());
    await().atMost(WAIT).until(() -> pair.rightHeard.received.size() == 2);
    assertThat(pair.rightHeard.received.get(1)).usingRecursiveComparison()
        .isEqualTo(Samples.index());
  }

  @Test
  void responsesAreMatchedToTheirRequestsEvenWhenAnsweredOutOfOrder() throws Exception {
    Pair pair = connectedPair();
    List<CompletableFuture<Message.Response>> unanswered = new ArrayList<>();
    List<Message.Request> asked = new ArrayList<>();
    pair.rightHeard.answer = r -> {
      CompletableFuture<Message.Response> f = new CompletableFuture<>();
      synchronized (unanswered) {
        unanswered.add(f);
        asked.add(r);
      }
      return f;
    };
    List<CompletableFuture<Message.Response>> responses = new ArrayList<>();
    for (String path : List.of("one", "two", "three")) {
      responses.add(pair.left.request(request(path)));
    }
    await().atMost(WAIT).until(() -> sizeOf(unanswered) == 3);
    for (int i = 2; i >= 0; i--) {
      byte[] data = asked.get(i).path().getBytes(StandardCharsets.UTF_8);
      unanswered.get(i).complete(Message.Response.ok(12345, data));
    }
    assertThat(text(responses.get(0))).isEqualTo("one");
    assertThat(text(responses.get(1))).isEqualTo("two");
    assertThat(text(responses.get(2))).isEqualTo("three");
  }

  @Test
  void aRequestTheListenerFailsIsAnsweredWithAGenericError() throws Exception {
    Pair pair = connectedPair();
    pair.rightHeard.answer = r -> CompletableFuture.failedFuture(new IOException("disk gone"));
    Message.Response response = pair.left.request(request("x")).get(10, TimeUnit.SECONDS);
    assertThat(response.code()).isEqualTo(Message.ResponseCode.GENERIC);
  }

  @Test
  void anUnansweredRequestTimesOutAndTheSessionStaysOpen() throws Exception {
    Pair pair = connectedPair();
    pair.rightHeard.answer = r -> new CompletableFuture<>();
    CompletableFuture<Message.Response> response = pair.left.request(request("slow"));
    await().atMost(WAIT).until(() -> pair.rightHeard.received.size() == 2);
    clock.advance(PeerSession.REQUEST_TIMEOUT.minusSeconds(1));
    pair.left.checkTimers();
    assertThat(response).isNotDone();
    clock.advance(Duration.ofSeconds(1));
    pair.left.checkTimers();
    assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("request 0 for slow at 0 to left was not answered in time");
    assertThat(pair.left.isClosed()).isFalse();
  }

  @Test
  void aGarbageFrameClosesOnlyThatSessionAndTheFrameAfterItIsNeverDelivered()
      throws Exception {
    RawPeer raw = rawPeer();
    Pair other = connectedPair();
    raw.writeHex(FrameCodecTest.HELLO_FRAME + "0000000142" + FrameCodecTest.INDEX_FRAME);

    assertThat(raw.listener.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("protocol error: frame type 0x42 is not a known message type");
    assertThat(raw.listener.received).hasSize(1).allMatch(m -> m instanceof Message.Hello);
    assertThat(raw.reader.read()).isInstanceOf(Message.Hello.class);
    assertThat(raw.reader.read()).isEqualTo(
        new Message.Close("protocol error: frame type 0x42 is not a known message type"));
    assertThat(raw.reader.read()).isNull();

    assertThat(other.left.isClosed()).isFalse();
    assertThat(text(other.left.request(request("still here")))).isEqualTo("still here");
  }

  @Test
  void aPeerWhoseFirstMessageIsNotHelloIsClosed() throws Exception {
    RawPeer raw = rawPeer();
    raw.writeHex(FrameCodecTest.PING_FRAME);
    assertThat(raw.listener.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("protocol error: expected Hello as the first message, got PING");
  }

  @Test
  void anIdleSessionPingsAndASilentPeerIsClosed() throws Exception {
    RawPeer raw = rawPeer();
    raw.writeHex(FrameCodecTest.HELLO_FRAME);
    assertThat(raw.reader.read()).isInstanceOf(Message.Hello.class);
    await().atMost(WAIT).until(() -> raw.listener.received.size() == 1);

    clock.advance(PeerSession.PING_INTERVAL);
    raw.session.checkTimers();
    assertThat(raw.reader.read()).isEqualTo(new Message.Ping());

    clock.advance(PeerSession.RECEIVE_TIMEOUT.minus(PeerSession.PING_INTERVAL));
    raw.session.checkTimers();
    assertThat(raw.reader.read()).isEqualTo(new Message.Close("nothing received for 300 s"));
    assertThat(raw.reader.read()).isNull();
    assertThat(raw.listener.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("nothing received for 300 s");
  }

  @Test
  void closingSendsCloseAndFailsPendingRequests() throws Exception {
    Pair pair = connectedPair();
    pair.rightHeard.answer = r -> new CompletableFuture<>();
    CompletableFuture<Message.Response> response = pair.left.request(request("x"));
    await().atMost(WAIT).until(() -> pair.rightHeard.received.size() == 2);
    pair.left.close("shutting down");

    assertThatThrownBy(() -> response.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("session with left is closed: shutting down");
    assertThat(pair.rightHeard.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("peer closed the session: shutting down");
    assertThat(pair.leftHeard.closed.get()).isEqualTo("shutting down");
    assertThatThrownBy(() -> pair.left.send(Samples.index()))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void aPeerExceedingTheRequestWindowIsClosed() throws Exception {
    RawPeer raw = rawPeer();
    raw.listener.answer = r -> new CompletableFuture<>();
    raw.writeHex(FrameCodecTest.HELLO_FRAME);
    for (int i = 0; i <= Limits.MAX_INCOMING_REQUESTS; i++) {
      raw.writer.write(Samples.request().withId(i));
    }
    assertThat(raw.listener.closed.get(10, TimeUnit.SECONDS))
        .isEqualTo("protocol error: peer has more than 64 requests unanswered");
  }

  @Test
  void aSlowPeerFillsTheBoundedQueueAndThenBlocksTheSender() throws Exception {
    StalledOutput stalled = new StalledOutput();
    PipedOutputStream silentPeer = new PipedOutputStream();
    InputStream in = new PipedInputStream(silentPeer);
    cleanup.add(silentPeer);
    PeerSession session = new PeerSession("slow", in, stalled, new RecordingListener(), clock,
        timers);
    session.start(Samples.hello());
    cleanup.add(() -> session.close("test over"));

    Message.IndexUpdate oneMiB = new Message.IndexUpdate(Samples.discoveryId(),
        List.of(Samples.fileOfChunks("big", 20_000)));
    int frameBytes = FrameCodec.encode(oneMiB).length;
    int accepted = 0;
    while (session.offer(oneMiB, Duration.ZERO)) {
      accepted++;
      assertThat(accepted).isLessThan(1000);
    }
    int fits = PeerSession.QUEUE_BYTES / frameBytes;
    assertThat(accepted).isBetween(fits, fits + 1);
    assertThat(session.offer(oneMiB, Duration.ofMillis(50))).isFalse();

    stalled.release.countDown();
    long expected = FrameCodec.encode(Samples.hello()).length + (long) accepted * frameBytes;
    await().atMost(WAIT).until(() -> stalled.written.get() == expected);
    assertThat(session.offer(oneMiB, Duration.ZERO)).isTrue();
  }

  @Test
  void onlyMessagesTheEngineOwnsCanBeSentDirectly() throws Exception {
    Pair pair = connectedPair();
    assertThatThrownBy(() -> pair.left.send(new Message.Ping()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PING is sent by the session itself, not by send");
  }

  private Pair connectedPair() throws IOException {
    SocketPair sockets = new SocketPair();
    cleanup.add(sockets);
    RecordingListener leftHeard = new RecordingListener();
    RecordingListener rightHeard = new RecordingListener();
    PeerSession left = new PeerSession("left", sockets.left.getInputStream(),
        sockets.left.getOutputStream(), leftHeard, clock, timers);
    PeerSession right = new PeerSession("right", sockets.right.getInputStream(),
        sockets.right.getOutputStream(), rightHeard, clock, timers);
    left.start(Samples.hello());
    right.start(Samples.hello());
    cleanup.add(() -> left.close("test over"));
    cleanup.add(() -> right.close("test over"));
    return new Pair(left, leftHeard, right, rightHeard);
  }

  private RawPeer rawPeer() throws IOException {
    SocketPair sockets = new SocketPair();
    cleanup.add(sockets);
    RecordingListener listener = new RecordingListener();
    PeerSession session = new PeerSession("raw", sockets.left.getInputStream(),
        sockets.left.getOutputStream(), listener, clock, timers);
    session.start(Samples.hello());
    cleanup.add(() -> session.close("test over"));
    return new RawPeer(session, listener, sockets.right.getOutputStream(),
        new FrameReader(sockets.right.getInputStream()),
        new FrameWriter(sockets.right.getOutputStream()));
  }

  private static Message.Request request(String path) {
    return Message.Request.of(Samples.discoveryId(), path, 0, 1024, Samples.request().hash());
  }

  private static String text(CompletableFuture<Message.Response> response) throws Exception {
    return new String(response.get(10, TimeUnit.SECONDS).data(), StandardCharsets.UTF_8);
  }

  private static int sizeOf(List<?> list) {
    synchronized (list) {
      return list.size();
    }
  }

  private record Pair(PeerSession left, RecordingListener leftHeard, PeerSession right,
      RecordingListener rightHeard) {}

  private record RawPeer(PeerSession session, RecordingListener listener, OutputStream out,
      FrameReader reader, FrameWriter writer) {
    void writeHex(String hex) throws IOException {
      out.write(Hex.decode(hex));
      out.flush();
    }
  }

  /** An output stream whose writes block until released, then count the bytes. */
  private static final class StalledOutput extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicLong written = new AtomicLong();

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      written.addAndGet(len);
    }
  }
}
