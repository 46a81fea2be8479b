package swarmsync.dht;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The BEP 5 compact forms of IPv4 peers and nodes.
 *
 * <pre>
 * peer (6 bytes):  &lt;ipv4:4&gt;&lt;port:u16 big-endian&gt;
 * node (26 bytes): &lt;id:20&gt;&lt;ipv4:4&gt;&lt;port:u16 big-endian&gt;
 * "nodes" is a byte string of node entries back to back; "values" a list of peer strings.
 * </pre>
 */
final class CompactAddresses {
  /** Bytes in one compact IPv4 peer. */
  static final int PEER_BYTES = 6;
  /** Bytes in one compact IPv4 node. */
  static final int NODE_BYTES = NodeId.BYTES + PEER_BYTES;

  private CompactAddresses() {}

  /** True when an address fits the compact IPv4 forms. */
  static boolean isIpv4(InetSocketAddress a) {
    return a.getAddress() instanceof Inet4Address;
  }

  static byte[] peer(InetSocketAddress a) {
    byte[] out = new byte[PEER_BYTES];
    putPeer(a, out, 0);
    return out;
  }

  static InetSocketAddress peer(byte[] in) throws KrpcException {
    if (in.length != PEER_BYTES) {
      throw new KrpcException("compact peer must be " + PEER_BYTES + " bytes, got " + in.length);
    }
    return readPeer(in, 0);
  }

  static byte[] nodes(List<NodeInfo> nodes) {
    List<NodeInfo> v4 = nodes.stream().filter(n -> isIpv4(n.address())).toList();
    byte[] out = new byte[v4.size() * NODE_BYTES];
    for (int i = 0; i < v4.size(); i++) {
      System.arraycopy(v4.get(i).id().bytes(), 0, out, i * NODE_BYTES, NodeId.BYTES);
      putPeer(v4.get(i).address(), out, i * NODE_BYTES + NodeId.BYTES);
    }
    return out;
  }

  static List<NodeInfo> nodes(byte[] in) throws KrpcException {
    if (in.length % NODE_BYTES != 0) {
      throw new KrpcException("nodes of " + in.length + " bytes is not a multiple of "
          + NODE_BYTES);
    }
    List<NodeInfo> out = new ArrayList<>(in.length / NODE_BYTES);
    for (int off = 0; off < in.length; off += NODE_BYTES) {
      byte[] id = new byte[NodeId.BYTES];
      System.arraycopy(in, off, id, 0, NodeId.BYTES);
      out.add(new NodeInfo(NodeId.of(id), readPeer(in, off + NodeId.BYTES)));
    }
    return out;
  }

  private static void putPeer(InetSocketAddress a, byte[] out, int off) {
    if (!isIpv4(a)) {
      throw new IllegalArgumentException("compact form needs an IPv4 address, got " + a);
    }
    System.arraycopy(a.getAddress().getAddress(), 0, out, off, 4);
    out[off + 4] = (byte) (a.getPort() >> 8);
    out[off + 5] = (byte) a.getPort();
  }

  private static InetSocketAddress readPeer(byte[] in, int off) throws KrpcException {
    byte[] ip = new byte[4];
    System.arraycopy(in, off, ip, 0, 4);
    int port = ((in[off + 4] & 0xff) << 8) | (in[off + 5] & 0xff);
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new KrpcException("impossible IPv4 address: " + e.getMessage());
    }
  }
}
