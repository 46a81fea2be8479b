package swarmsync.tracker;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact peer lists of BEP 23 (IPv4) and BEP 7 (IPv6), also used by BEP 15 replies.
 *
 * <pre>{@code
 * IPv4 peer: <ip:4 bytes, network order><port:u16 big-endian>    6 bytes each
 * IPv6 peer: <ip:16 bytes, network order><port:u16 big-endian>  18 bytes each
 * }</pre>
 */
final class CompactPeers {
  static final int IPV4_ENTRY = 6;
  static final int IPV6_ENTRY = 18;

  private CompactPeers() {}

  /** Decodes a list of {@code entrySize}-byte peers; the length must be a multiple of it. */
  static List<InetSocketAddress> decode(byte[] bytes, int offset, int length, int entrySize)
      throws TrackerException {
    if (length % entrySize != 0) {
      throw new TrackerException("compact peer list of " + length + " bytes is not a multiple"
          + " of " + entrySize);
    }
    int addressBytes = entrySize - 2;
    List<InetSocketAddress> peers = new ArrayList<>(length / entrySize);
    for (int at = offset; at < offset + length; at += entrySize) {
      byte[] ip = Arrays.copyOfRange(bytes, at, at + addressBytes);
      int port = ((bytes[at + addressBytes] & 0xff) << 8) | (bytes[at + addressBytes + 1] & 0xff);
      peers.add(new InetSocketAddress(address(ip), port));
    }
    return peers;
  }

  static List<InetSocketAddress> decode(byte[] bytes, int entrySize) throws TrackerException {
    return decode(bytes, 0, bytes.length, entrySize);
  }

  /** Encodes the peers of one family ({@code entrySize} 6 or 18); others are left out. */
  static byte[] encode(List<InetSocketAddress> peers, int entrySize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(peers.size() * entrySize);
    for (InetSocketAddress peer : peers) {
      byte[] ip = peer.getAddress().getAddress();
      if (ip.length + 2 == entrySize) {
        out.writeBytes(ip);
        out.write(peer.getPort() >> 8);
        out.write(peer.getPort());
      }
    }
    return out.toByteArray();
  }

  /** The compact entry size of an address's family. */
  static int entrySize(InetAddress address) {
    return address instanceof Inet4Address ? IPV4_ENTRY : IPV6_ENTRY;
  }

  private static InetAddress address(byte[] ip) {
    try {
      return InetAddress.getByAddress(ip);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a raw address of " + ip.length + " bytes", e);
    }
  }
}
