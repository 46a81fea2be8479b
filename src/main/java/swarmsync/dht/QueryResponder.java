package swarmsync.dht;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers incoming KRPC queries from the routing table, the token secrets and the peer store:
 * ping, find_node (the K closest nodes), get_peers (a token, stored peers if any, and the K
 * closest nodes) and announce_peer (stored when the token matches the requester's IP). Queries
 * beyond a source IP's rate are dropped without an answer.
 */
final class QueryResponder implements KrpcSocket.Responder {
  private static final Logger LOG = LoggerFactory.getLogger(QueryResponder.class);

  private final RoutingTable table;
  private final TokenSecrets tokens;
  private final PeerStore peers;
  private final QueryRateLimiter limiter;
  private final DhtSettings settings;
  private final Consumer<NodeInfo> queried;

  /**
   * @param queried told of each node that sent a query we answer, to update the routing table
   */
  QueryResponder(RoutingTable table, TokenSecrets tokens, PeerStore peers,
      QueryRateLimiter limiter, DhtSettings settings, Consumer<NodeInfo> queried) {
    this.table = table;
    this.tokens = tokens;
    this.peers = peers;
    this.limiter = limiter;
    this.settings = settings;
    this.queried = queried;
  }

  @Override
  public KrpcMessage answer(KrpcQuery q, InetSocketAddress from) {
    if (!limiter.tryAcquire(from.getAddress())) {
      LOG.debug("dropping {} from {}: over its query rate", q.method().wireName(), from);
      return null;
    }
    byte[] tid = q.transactionId();
    NodeId self = table.self();
    KrpcMessage answer = switch (q.method()) {
      case PING -> KrpcResponse.idOnly(tid, self);
      case FIND_NODE -> new KrpcResponse(tid, self, closest(q.target()), List.of(), null);
      case GET_PEERS -> new KrpcResponse(tid, self, closest(q.target()),
          peers.peers(q.target(), settings.maxValuesPerAnswer()),
          tokens.tokenFor(from.getAddress()));
      case ANNOUNCE_PEER -> announce(q, from);
    };
    if (CompactAddresses.isIpv4(from)) {
      queried.accept(new NodeInfo(q.sender(), from));
    }
    return answer;
  }

  private KrpcMessage announce(KrpcQuery q, InetSocketAddress from) {
    if (!tokens.isValid(q.token(), from.getAddress())) {
      LOG.debug("refusing announce_peer from {}: bad token", from);
      return new KrpcError(q.transactionId(), KrpcError.PROTOCOL, "bad token");
    }
    int port = q.impliedPort() ? from.getPort() : q.port();
    peers.add(q.target(), new InetSocketAddress(from.getAddress(), port));
    return KrpcResponse.idOnly(q.transactionId(), table.self());
  }

  private List<NodeInfo> closest(NodeId target) {
    return table.closest(target, settings.k());
  }
}
