package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KRPC byte vectors: the examples of BEP 5, and every way a datagram can be malformed. */
class KrpcCodecTest {
  private static final NodeId ABC = id("abcdefghij0123456789");
  private static final NodeId MNO = id("mnopqrstuvwxyz123456");
  private static final byte[] AA = ascii("aa");

  private static final String PING = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe";
  private static final String PONG = "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re";
  private static final String FIND_NODE = "d1:ad2:id20:abcdefghij01234567896:target"
      + "20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe";
  private static final String GET_PEERS = "d1:ad2:id20:abcdefghij01234567899:info_hash"
      + "20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe";
  private static final String VALUES = "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth"
      + "6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re";
  private static final String ANNOUNCE = "d1:ad2:id20:abcdefghij012345678912:implied_porti1e"
      + "9:info_hash20:mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe"
      + "1:q13:announce_peer1:t2:aa1:y1:qe";
  private static final String ERROR = "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee";

  @Test
  void pingQueryAndAnswerMatchBep5() throws Exception {
    assertThat(encode(KrpcQuery.ping(ABC).withTransactionId(AA))).isEqualTo(PING);
    KrpcQuery q = (KrpcQuery) decode(PING);
    assertThat(q.method()).isEqualTo(KrpcMethod.PING);
    assertThat(q.sender()).isEqualTo(ABC);
    assertThat(q.transactionId()).isEqualTo(AA);

    assertThat(encode(KrpcResponse.idOnly(AA, MNO))).isEqualTo(PONG);
    KrpcResponse r = (KrpcResponse) decode(PONG);
    assertThat(r.sender()).isEqualTo(MNO);
    assertThat(r.nodes()).isEmpty();
    assertThat(r.token()).isNull();
  }

  @Test
  void findNodeAndGetPeersQueriesMatchBep5() throws Exception {
    assertThat(encode(KrpcQuery.findNode(ABC, MNO).withTransactionId(AA))).isEqualTo(FIND_NODE);
    assertThat(((KrpcQuery) decode(FIND_NODE)).target()).isEqualTo(MNO);
    assertThat(encode(KrpcQuery.getPeers(ABC, MNO).withTransactionId(AA))).isEqualTo(GET_PEERS);
    KrpcQuery q = (KrpcQuery) decode(GET_PEERS);
    assertThat(q.method()).isEqualTo(KrpcMethod.GET_PEERS);
    assertThat(q.target()).isEqualTo(MNO);
  }

  @Test
  void getPeersAnswerWithValuesMatchesBep5() throws Exception {
    KrpcResponse r = (KrpcResponse) decode(VALUES);
    assertThat(r.token()).isEqualTo(ascii("aoeusnth"));
    assertThat(r.values()).containsExactly(
        new InetSocketAddress("97.120.106.101", ('.' << 8) | 'u'),
        new InetSocketAddress("105.100.104.116", ('n' << 8) | 'm'));
    assertThat(encode(r)).isEqualTo(VALUES);
  }

  @Test
  void announcePeerWithImpliedPortMatchesBep5() throws Exception {
    KrpcQuery q = (KrpcQuery) decode(ANNOUNCE);
    assertThat(q.method()).isEqualTo(KrpcMethod.ANNOUNCE_PEER);
    assertThat(q.impliedPort()).isTrue();
    assertThat(q.port()).isEqualTo(6881);
    assertThat(q.token()).isEqualTo(ascii("aoeusnth"));
    assertThat(encode(q)).isEqualTo(ANNOUNCE);
    KrpcQuery explicit = KrpcQuery.announcePeer(ABC, MNO, 40404, false, ascii("tok"));
    assertThat(encode(explicit.withTransactionId(AA))).isEqualTo("d1:ad2:id20:abcdefghij"
        + "01234567899:info_hash20:mnopqrstuvwxyz1234564:porti40404e5:token3:toke"
        + "1:q13:announce_peer1:t2:aa1:y1:qe");
  }

  @Test
  void errorMatchesBep5() throws Exception {
    KrpcError e = (KrpcError) decode(ERROR);
    assertThat(e.code()).isEqualTo(KrpcError.GENERIC);
    assertThat(e.message()).isEqualTo("A Generic Error Ocurred");
    assertThat(encode(e)).isEqualTo(ERROR);
  }

  @Test
  void compactNodesAreTwentySixBytesEach() throws Exception {
    List<NodeInfo> nodes = List.of(new NodeInfo(MNO, new InetSocketAddress("10.77.0.2", 6881)),
        new NodeInfo(ABC, new InetSocketAddress("127.0.0.1", 65535)));
    KrpcResponse r = new KrpcResponse(AA, ABC, nodes, List.of(), ascii("tk"));
    byte[] bytes = KrpcCodec.encode(r);
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("5:nodes52:");
    KrpcResponse back = (KrpcResponse) KrpcCodec.decode(bytes);
    assertThat(back.nodes()).isEqualTo(nodes);
    assertThat(back.token()).isEqualTo(ascii("tk"));
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] whole = ascii(ANNOUNCE);
    for (int n = 0; n < whole.length; n++) {
      byte[] prefix = Arrays.copyOf(whole, n);
      assertThatThrownBy(() -> KrpcCodec.decode(prefix)).as("prefix of %d bytes", n)
          .isInstanceOf(KrpcException.class);
    }
  }

  @Test
  void trailingBytesAreRefused() {
    assertThatThrownBy(() -> decode(PING + "x")).isInstanceOf(KrpcException.class)
        .hasMessageContaining("1 trailing bytes");
  }

  @Test
  void oversizedLengthsAreRefusedBeforeAllocating() {
    assertThatThrownBy(() -> decode("d1:t999999999999:")).hasMessageContaining("exceeds 4096");
    assertThatThrownBy(() -> decode("d1:t4000:aa")).hasMessageContaining("only 2 left");
    assertThatThrownBy(() -> decode("d1:t9999999999999999999:"))
        .hasMessageContaining("more than 18 digits");
    assertThatThrownBy(() -> decode("d1:t-1:")).hasMessageContaining("unexpected byte 0x2d");
  }

  @Test
  void deepNestingAndTooManyElementsAreRefused() {
    assertThatThrownBy(() -> decode("l".repeat(9) + "e".repeat(9)))
        .hasMessageContaining("nested deeper than 8");
    assertThatThrownBy(() -> decode("l" + "i1e".repeat(1025) + "e"))
        .hasMessageContaining("longer than 1024");
  }

  @Test
  void malformedNumbersAndKeysAreRefused() {
    assertThatThrownBy(() -> decode("i01e")).hasMessageContaining("malformed number");
    assertThatThrownBy(() -> decode("i-0e")).hasMessageContaining("malformed number");
    assertThatThrownBy(() -> decode("ie")).hasMessageContaining("malformed number");
    assertThatThrownBy(() -> decode("d1:yi1e1:ai1ee")).hasMessageContaining("out of order");
    assertThatThrownBy(() -> decode("di1ei1ee")).hasMessageContaining("not a byte string");
  }

  @Test
  void badQueriesCarryTheirTransactionIdAndErrorCode() {
    assertThatThrownBy(() -> decode("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:aa1:y1:qe"))
        .isInstanceOfSatisfying(KrpcException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(KrpcError.METHOD_UNKNOWN);
          assertThat(e.transactionId()).isEqualTo(AA);
        });
    assertThatThrownBy(() -> decode("d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe"))
        .isInstanceOfSatisfying(KrpcException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(KrpcError.PROTOCOL);
          assertThat(e.transactionId()).isEqualTo(AA);
          assertThat(e).hasMessageContaining("id must be 20 bytes");
        });
    assertThatThrownBy(() -> decode("d1:rd2:id20:abcdefghij01234567895:nodes3:abce1:t2:aa1:y1:re"))
        .isInstanceOfSatisfying(KrpcException.class, e -> {
          assertThat(e.transactionId()).as("answers are never answered").isNull();
          assertThat(e).hasMessageContaining("not a multiple of 26");
        });
  }

  @Test
  void unknownKeysAndNonIpv4ValuesAreIgnored() throws Exception {
    KrpcResponse r = (KrpcResponse) decode("d2:ip6:abcdef1:rd2:id20:abcdefghij0123456789"
        + "6:valuesl6:axje.u18:abcdefghijklmnopqree1:t2:aa1:v4:LT011:y1:re");
    assertThat(r.values()).hasSize(1);
  }

  @Test
  void theNextDatagramAfterABadOneDecodes() throws Exception {
    assertThatThrownBy(() -> decode(PING.substring(0, 20))).isInstanceOf(KrpcException.class);
    assertThat(decode(PING)).isInstanceOf(KrpcQuery.class);
  }

  private static KrpcMessage decode(String s) throws KrpcException {
    return KrpcCodec.decode(ascii(s));
  }

  private static String encode(KrpcMessage m) {
    return new String(KrpcCodec.encode(m), StandardCharsets.ISO_8859_1);
  }

  private static NodeId id(String s) {
    return NodeId.of(ascii(s));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
