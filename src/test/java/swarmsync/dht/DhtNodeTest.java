package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several of our nodes on 127.0.0.1 forming a small DHT, and raw KRPC against one of them. */
class DhtNodeTest {
  static final DhtSettings FAST = DhtSettings.DEFAULTS
      .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5));
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void nodeCFindsWhatNodeAAnnouncedThroughNodeB() throws Exception {
    DhtNode a = node(null);
    DhtNode b = node(null);
    DhtNode c = node(null);
    assertThat(a.bootstrap(List.of(b.localAddress())).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(c.bootstrap(List.of(b.localAddress())).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    byte[] hash = hash("folder one");

    AnnounceResult announced = a.announce(hash, 40404).get(10, TimeUnit.SECONDS);
    assertThat(announced.storedAt()).isGreaterThanOrEqualTo(1);

    List<InetSocketAddress> found = c.getPeers(hash).get(10, TimeUnit.SECONDS);
    assertThat(found).contains(new InetSocketAddress("127.0.0.1", 40404));
    assertThat(c.getPeers(hash("another folder")).get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void aLookupAmongTwelveNodesConvergesAndFindsTheAnnouncer() throws Exception {
    DhtNode first = node(null);
    List<DhtNode> nodes = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      DhtNode n = node(null);
      n.bootstrap(List.of(first.localAddress())).get(10, TimeUnit.SECONDS);
      nodes.add(n);
    }
    byte[] hash = hash("many");
    assertThat(nodes.get(3).announce(hash, 5000).get(10, TimeUnit.SECONDS).storedAt())
        .isGreaterThanOrEqualTo(2);
    assertThat(nodes.get(9).getPeers(hash).get(10, TimeUnit.SECONDS))
        .contains(new InetSocketAddress("127.0.0.1", 5000));
  }

  @Test
  void silentAndGarbageBootstrapNodesDoNotStopALookup() throws Exception {
    DhtNode good = node(null);
    DatagramSocket silent = socket();
    DatagramSocket garbage = socket();
    Thread junk = new Thread(() -> answerWithJunk(garbage));
    junk.setDaemon(true);
    junk.start();
    DhtNode a = node(null);
    int size = a.bootstrap(List.of(addressOf(silent), addressOf(garbage), good.localAddress()))
        .get(10, TimeUnit.SECONDS);
    assertThat(size).isEqualTo(1);
    assertThat(a.ping(addressOf(silent)).get(5, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void aRestartedNodeKeepsItsIdAndStartsFromItsSavedNodes(@TempDir Path dir) throws Exception {
    DhtNode b = node(null);
    DhtNode a = node(null);
    a.bootstrap(List.of(b.localAddress())).get(10, TimeUnit.SECONDS);
    Path file = dir.resolve("dht.state");
    DhtStateFile.save(file, a.routingTableSnapshot());
    NodeId id = a.id();
    a.close();

    DhtNode again = node(DhtStateFile.load(file).orElseThrow());
    assertThat(again.id()).isEqualTo(id);
    assertThat(again.routingTableSize()).isEqualTo(1);
    assertThat(again.bootstrap(List.of()).get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(DhtStateFile.load(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void announceWithAForeignTokenIsRefusedAndImpliedPortUsesTheSourcePort() throws Exception {
    DhtNode b = node(null);
    try (DatagramSocket raw = socket()) {
      KrpcQuery forged = KrpcQuery.announcePeer(NodeId.random(), NodeId.of(hash("x")), 1234,
          false, new byte[8]).withTransactionId(new byte[] {1});
      KrpcMessage refused = exchange(raw, b.localAddress(), forged);
      assertThat(refused).isInstanceOfSatisfying(KrpcError.class,
          e -> assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL));

      NodeId me = NodeId.random();
      KrpcResponse peers = (KrpcResponse) exchange(raw, b.localAddress(),
          KrpcQuery.getPeers(me, NodeId.of(hash("x"))).withTransactionId(new byte[] {2}));
      assertThat(peers.token()).hasSize(TokenSecrets.TOKEN_BYTES);
      KrpcQuery implied = KrpcQuery.announcePeer(me, NodeId.of(hash("x")), 0, true,
          peers.token()).withTransactionId(new byte[] {3});
      assertThat(exchange(raw, b.localAddress(), implied)).isInstanceOf(KrpcResponse.class);
      KrpcResponse after = (KrpcResponse) exchange(raw, b.localAddress(),
          KrpcQuery.getPeers(me, NodeId.of(hash("x"))).withTransactionId(new byte[] {4}));
      assertThat(after.values()).containsExactly(addressOf(raw));
    }
  }

  @Test
  void unknownMethodsAreAnsweredWith204AndFloodsAreCutOff() throws Exception {
    DhtNode b = node(null);
    try (DatagramSocket raw = socket()) {
      byte[] vote = "d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:zz1:y1:qe"
          .getBytes(StandardCharsets.ISO_8859_1);
      raw.send(new DatagramPacket(vote, vote.length, b.localAddress()));
      assertThat(receive(raw)).isInstanceOfSatisfying(KrpcError.class,
          e -> assertThat(e.code()).isEqualTo(KrpcError.METHOD_UNKNOWN));

      int burst = DhtSettings.DEFAULTS.queryBurst();
      KrpcQuery ping = KrpcQuery.ping(NodeId.random()).withTransactionId(new byte[] {7});
      byte[] bytes = KrpcCodec.encode(ping);
      for (int i = 0; i < burst * 3; i++) {
        raw.send(new DatagramPacket(bytes, bytes.length, b.localAddress()));
      }
      int answers = 0;
      while (receive(raw) != null) {
        answers++;
      }
      assertThat(answers).isLessThan(burst * 2).isGreaterThanOrEqualTo(burst - 1);
    }
  }

  private DhtNode node(byte[] snapshot) throws Exception {
    DhtNode n = DhtNode.start(FAST, LOOPBACK, snapshot);
    closing.add(n);
    return n;
  }

  private DatagramSocket socket() throws Exception {
    DatagramSocket s = new DatagramSocket(LOOPBACK);
    s.setSoTimeout(1000);
    closing.add(s);
    return s;
  }

  private static InetSocketAddress addressOf(DatagramSocket s) {
    return (InetSocketAddress) s.getLocalSocketAddress();
  }

  private static KrpcMessage exchange(DatagramSocket raw, InetSocketAddress to, KrpcQuery q)
      throws Exception {
    byte[] bytes = KrpcCodec.encode(q);
    raw.send(new DatagramPacket(bytes, bytes.length, to));
    return receive(raw);
  }

  private static KrpcMessage receive(DatagramSocket raw) throws Exception {
    byte[] buffer = new byte[4096];
    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
    try {
      raw.receive(p);
    } catch (SocketTimeoutException e) {
      return null;
    }
    return KrpcCodec.decode(Arrays.copyOf(buffer, p.getLength()));
  }

  private static void answerWithJunk(DatagramSocket s) {
    byte[] buffer = new byte[4096];
    while (!s.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buffer, buffer.length);
        s.receive(p);
        byte[] junk = "d1:rd2:id3:abce1:t2:".getBytes(StandardCharsets.ISO_8859_1);
        s.send(new DatagramPacket(junk, junk.length, p.getSocketAddress()));
      } catch (IOException e) {
        // closed or timed out: look again
      }
    }
  }

  static byte[] hash(String text) {
    try {
      return MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
