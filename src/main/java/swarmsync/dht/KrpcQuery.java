package swarmsync.dht;

/**
 * A KRPC query ("y":"q").
 *
 * @param transactionId echoed by the answer
 * @param method        what is asked
 * @param sender        the querier's node id ("id")
 * @param target        "target" of find_node or "info_hash" of get_peers/announce_peer; null
 *                      for ping
 * @param port          announce_peer's "port", 0 otherwise
 * @param impliedPort   announce_peer's "implied_port": use the datagram's source port instead
 * @param token         announce_peer's "token", null otherwise
 */
record KrpcQuery(byte[] transactionId, KrpcMethod method, NodeId sender, NodeId target,
    int port, boolean impliedPort, byte[] token) implements KrpcMessage {

  static KrpcQuery ping(NodeId sender) {
    return new KrpcQuery(new byte[0], KrpcMethod.PING, sender, null, 0, false, null);
  }

  static KrpcQuery findNode(NodeId sender, NodeId target) {
    return new KrpcQuery(new byte[0], KrpcMethod.FIND_NODE, sender, target, 0, false, null);
  }

  static KrpcQuery getPeers(NodeId sender, NodeId infoHash) {
    return new KrpcQuery(new byte[0], KrpcMethod.GET_PEERS, sender, infoHash, 0, false, null);
  }

  static KrpcQuery announcePeer(NodeId sender, NodeId infoHash, int port, boolean impliedPort,
      byte[] token) {
    return new KrpcQuery(new byte[0], KrpcMethod.ANNOUNCE_PEER, sender, infoHash, port,
        impliedPort, token);
  }

  /** This query with another transaction id. */
  KrpcQuery withTransactionId(byte[] tid) {
    return new KrpcQuery(tid, method, sender, target, port, impliedPort, token);
  }
}
