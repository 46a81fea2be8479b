package swarmsync.dht;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A KRPC response ("y":"r"); which keys are present depends on the query it answers.
 *
 * @param transactionId the query's
 * @param sender        the answering node's id ("id")
 * @param nodes         "nodes": compact IPv4 nodes, empty when absent
 * @param values        "values": compact IPv4 peers, empty when absent
 * @param token         "token" of a get_peers answer, null when absent
 */
record KrpcResponse(byte[] transactionId, NodeId sender, List<NodeInfo> nodes,
    List<InetSocketAddress> values, byte[] token) implements KrpcMessage {

  KrpcResponse {
    nodes = List.copyOf(nodes);
    values = List.copyOf(values);
  }

  /** An answer carrying only the id: ping and announce_peer. */
  static KrpcResponse idOnly(byte[] tid, NodeId sender) {
    return new KrpcResponse(tid, sender, List.of(), List.of(), null);
  }
}
