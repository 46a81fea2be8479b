package swarmsync.dht;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node keeps across restarts: its id and the good nodes of its routing table.
 *
 * <pre>
 * &lt;version:u8 = 1&gt;&lt;node id:20&gt;&lt;count:u16 big-endian&gt;
 * &lt;compact node:26&gt; * count
 * </pre>
 *
 * @param id    this node's id
 * @param nodes good nodes to start from
 */
public record RoutingSnapshot(NodeId id, List<NodeInfo> nodes) {
  /** Format version written first. */
  static final int VERSION = 1;
  /** Most nodes a snapshot holds: 160 buckets of 8 is 1,280. */
  static final int MAX_NODES = 2048;
  private static final int HEADER_BYTES = 1 + NodeId.BYTES + 2;

  public RoutingSnapshot {
    nodes = List.copyOf(nodes);
  }

  public byte[] toBytes() {
    List<NodeInfo> v4 = nodes.stream().filter(n -> CompactAddresses.isIpv4(n.address()))
        .limit(MAX_NODES).toList();
    byte[] compact = CompactAddresses.nodes(v4);
    byte[] out = new byte[HEADER_BYTES + compact.length];
    out[0] = VERSION;
    System.arraycopy(id.bytes(), 0, out, 1, NodeId.BYTES);
    out[1 + NodeId.BYTES] = (byte) (v4.size() >> 8);
    out[2 + NodeId.BYTES] = (byte) v4.size();
    System.arraycopy(compact, 0, out, HEADER_BYTES, compact.length);
    return out;
  }

  /** Reads a snapshot; throws IllegalArgumentException naming what is wrong. */
  public static RoutingSnapshot fromBytes(byte[] in) {
    if (in.length < HEADER_BYTES || in[0] != VERSION) {
      throw new IllegalArgumentException("DHT snapshot is not version " + VERSION + " ("
          + in.length + " bytes)");
    }
    byte[] id = new byte[NodeId.BYTES];
    System.arraycopy(in, 1, id, 0, NodeId.BYTES);
    int count = ((in[1 + NodeId.BYTES] & 0xff) << 8) | (in[2 + NodeId.BYTES] & 0xff);
    if (count > MAX_NODES || in.length != HEADER_BYTES + count * CompactAddresses.NODE_BYTES) {
      throw new IllegalArgumentException("DHT snapshot of " + in.length + " bytes does not hold "
          + count + " nodes");
    }
    byte[] compact = new byte[in.length - HEADER_BYTES];
    System.arraycopy(in, HEADER_BYTES, compact, 0, compact.length);
    try {
      return new RoutingSnapshot(NodeId.of(id), new ArrayList<>(CompactAddresses.nodes(compact)));
    } catch (KrpcException e) {
      throw new IllegalArgumentException("DHT snapshot nodes: " + e.getMessage(), e);
    }
  }
}
