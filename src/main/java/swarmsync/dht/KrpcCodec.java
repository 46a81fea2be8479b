package swarmsync.dht;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes KRPC datagrams (BEP 5); pure, no I/O.
 *
 * <pre>
 * query:    d 1:a d 2:id 20:&lt;id&gt; [6:target 20:..] [9:info_hash 20:..] [4:port i&lt;n&gt;e]
 *                 [12:implied_port i&lt;0|1&gt;e] [5:token &lt;n&gt;:..] e
 *             1:q &lt;n&gt;:&lt;method&gt; 1:t &lt;n&gt;:&lt;tid&gt; 1:y 1:q e
 * response: d 1:r d 2:id 20:&lt;id&gt; [5:nodes &lt;26*n&gt;:..] [5:token &lt;n&gt;:..]
 *                 [6:values l 6:&lt;peer&gt; ... e] e 1:t &lt;n&gt;:&lt;tid&gt; 1:y 1:r e
 * error:    d 1:e l i&lt;code&gt;e &lt;n&gt;:&lt;message&gt; e 1:t &lt;n&gt;:&lt;tid&gt; 1:y 1:e e
 * </pre>
 *
 * Unknown keys are ignored (other clients add "v", "ip", "nodes6"); "values" entries that are
 * not 6-byte IPv4 peers are skipped. Anything else malformed is refused with a
 * {@link KrpcException} naming the field; one from a query carries the transaction id and error
 * code to answer it with (responses and errors are never answered).
 */
final class KrpcCodec {
  /** Longest transaction id accepted, in bytes; clients use 2 to 8. */
  static final int MAX_TRANSACTION_ID_BYTES = 32;
  /** Longest token accepted, in bytes; clients use 4 to 20. */
  static final int MAX_TOKEN_BYTES = 64;

  private KrpcCodec() {}

  static byte[] encode(KrpcMessage message) {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("t", message.transactionId());
    if (message instanceof KrpcQuery q) {
      top.put("y", "q");
      top.put("q", q.method().wireName());
      top.put("a", arguments(q));
    } else if (message instanceof KrpcResponse r) {
      top.put("y", "r");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("id", r.sender().bytes());
      if (!r.nodes().isEmpty()) {
        body.put("nodes", CompactAddresses.nodes(r.nodes()));
      }
      if (r.token() != null) {
        body.put("token", r.token());
      }
      if (!r.values().isEmpty()) {
        body.put("values", r.values().stream().filter(CompactAddresses::isIpv4)
            .map(CompactAddresses::peer).toList());
      }
      top.put("r", body);
    } else if (message instanceof KrpcError e) {
      top.put("y", "e");
      top.put("e", List.of((long) e.code(), e.message()));
    }
    return KrpcBencode.encode(top);
  }

  private static Map<String, Object> arguments(KrpcQuery q) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", q.sender().bytes());
    switch (q.method()) {
      case FIND_NODE -> a.put("target", q.target().bytes());
      case GET_PEERS -> a.put("info_hash", q.target().bytes());
      case ANNOUNCE_PEER -> {
        a.put("info_hash", q.target().bytes());
        a.put("port", (long) q.port());
        a.put("token", q.token());
        if (q.impliedPort()) {
          a.put("implied_port", 1L);
        }
      }
      default -> { }
    }
    return a;
  }

  static KrpcMessage decode(byte[] datagram) throws KrpcException {
    if (!(KrpcBencode.decode(datagram) instanceof Map<?, ?> top)) {
      throw new KrpcException("KRPC message is not a dictionary");
    }
    byte[] tid = bytes(top, "t", MAX_TRANSACTION_ID_BYTES, null);
    String y = text(top, "y", null);
    return switch (y) {
      case "q" -> {
        try {
          yield query(top, tid);
        } catch (KrpcException e) {
          throw e.transactionId() != null ? e
              : new KrpcException(e.getMessage(), tid, e.errorCode());
        }
      }
      case "r" -> response(dict(top, "r", null), tid);
      case "e" -> error(top, tid);
      default -> throw new KrpcException("unknown message type y=" + y);
    };
  }

  private static KrpcQuery query(Map<?, ?> top, byte[] tid) throws KrpcException {
    String name = text(top, "q", tid);
    KrpcMethod method = KrpcMethod.byWireName(name);
    if (method == null) {
      throw new KrpcException("unknown method " + name, tid, KrpcError.METHOD_UNKNOWN);
    }
    Map<?, ?> a = dict(top, "a", tid);
    NodeId sender = id(a, "id", tid);
    return switch (method) {
      case PING -> new KrpcQuery(tid, method, sender, null, 0, false, null);
      case FIND_NODE -> new KrpcQuery(tid, method, sender, id(a, "target", tid), 0, false, null);
      case GET_PEERS ->
          new KrpcQuery(tid, method, sender, id(a, "info_hash", tid), 0, false, null);
      case ANNOUNCE_PEER -> {
        boolean implied = a.containsKey("implied_port") && integer(a, "implied_port", tid) == 1;
        long port = integer(a, "port", tid);
        if (!implied && (port < 1 || port > 65535)) {
          throw new KrpcException("announce_peer port " + port + " out of range", tid,
              KrpcError.PROTOCOL);
        }
        int kept = port >= 0 && port <= 65535 ? (int) port : 0;
        yield new KrpcQuery(tid, method, sender, id(a, "info_hash", tid), kept, implied,
            bytes(a, "token", MAX_TOKEN_BYTES, tid));
      }
    };
  }

  private static KrpcResponse response(Map<?, ?> r, byte[] tid) throws KrpcException {
    NodeId sender = id(r, "id", null);
    List<NodeInfo> nodes = r.containsKey("nodes")
        ? CompactAddresses.nodes(bytes(r, "nodes", KrpcBencode.MAX_STRING_BYTES, null))
        : List.of();
    List<InetSocketAddress> values = new ArrayList<>();
    if (r.containsKey("values")) {
      if (!(r.get("values") instanceof List<?> list)) {
        throw new KrpcException("values is not a list");
      }
      for (Object v : list) {
        if (v instanceof byte[] peer && peer.length == CompactAddresses.PEER_BYTES) {
          values.add(CompactAddresses.peer(peer));
        }
      }
    }
    byte[] token = r.containsKey("token") ? bytes(r, "token", MAX_TOKEN_BYTES, null) : null;
    return new KrpcResponse(tid, sender, nodes, values, token);
  }

  private static KrpcError error(Map<?, ?> top, byte[] tid) throws KrpcException {
    if (!(top.get("e") instanceof List<?> e) || e.size() < 2
        || !(e.get(0) instanceof Long code) || !(e.get(1) instanceof byte[] message)) {
      throw new KrpcException("e is not a list [code, message]");
    }
    return new KrpcError(tid, code.intValue(), new String(message, StandardCharsets.UTF_8));
  }

  private static NodeId id(Map<?, ?> m, String key, byte[] tid) throws KrpcException {
    byte[] b = bytes(m, key, NodeId.BYTES, tid);
    if (b.length != NodeId.BYTES) {
      throw new KrpcException(key + " must be " + NodeId.BYTES + " bytes, got " + b.length, tid,
          KrpcError.PROTOCOL);
    }
    return NodeId.of(b);
  }

  private static byte[] bytes(Map<?, ?> m, String key, int max, byte[] tid)
      throws KrpcException {
    if (!(m.get(key) instanceof byte[] b)) {
      throw new KrpcException("missing or non-string " + key, tid, KrpcError.PROTOCOL);
    }
    if (b.length > max) {
      throw new KrpcException(key + " of " + b.length + " bytes exceeds " + max, tid,
          KrpcError.PROTOCOL);
    }
    return b;
  }

  private static String text(Map<?, ?> m, String key, byte[] tid) throws KrpcException {
    return new String(bytes(m, key, KrpcBencode.MAX_STRING_BYTES, tid),
        StandardCharsets.ISO_8859_1);
  }

  private static long integer(Map<?, ?> m, String key, byte[] tid) throws KrpcException {
    if (!(m.get(key) instanceof Long v)) {
      throw new KrpcException("missing or non-integer " + key, tid, KrpcError.PROTOCOL);
    }
    return v;
  }

  private static Map<?, ?> dict(Map<?, ?> m, String key, byte[] tid) throws KrpcException {
    if (!(m.get(key) instanceof Map<?, ?> d)) {
      throw new KrpcException("missing or non-dictionary " + key, tid, KrpcError.PROTOCOL);
    }
    return d;
  }
}
