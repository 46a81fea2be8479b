package swarmsync.nat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The IPv4 default gateway, from the kernel's routing table in {@code /proc/net/route}, and
 * the address of ours that faces it.
 *
 * <pre>
 * Iface  Destination  Gateway   Flags  RefCnt  Use  Metric  Mask  ...
 * eth0   00000000     0101A8C0  0003   0       0    0       00000000
 * </pre>
 *
 * Addresses are hex of the 32-bit value in host (little-endian) order; flags 0x1 = up,
 * 0x2 = gateway. The default route is the one to 00000000 with mask 00000000; the lowest
 * metric wins.
 */
public final class DefaultGateway {
  static final Path ROUTES = Path.of("/proc/net/route");
  private static final int FLAG_UP = 0x1;
  private static final int FLAG_GATEWAY = 0x2;
  /** Longest routing table we read: this is a kernel file, but still bounded. */
  private static final long MAX_ROUTES_BYTES = 1 << 20;

  private DefaultGateway() {}

  /** The default gateway of this network namespace, if it has one (none inside unshare -n). */
  public static Optional<InetAddress> read() {
    try {
      if (!Files.isReadable(ROUTES) || Files.size(ROUTES) > MAX_ROUTES_BYTES) {
        return Optional.empty();
      }
      return parse(Files.readString(ROUTES));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The gateway of the default route with the lowest metric in a {@code /proc/net/route}. */
  static Optional<InetAddress> parse(String table) {
    InetAddress best = null;
    long bestMetric = Long.MAX_VALUE;
    String[] lines = table.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      try {
        int flags = Integer.parseInt(f[3], 16);
        long metric = Long.parseLong(f[6]);
        boolean isDefault = f[1].equals("00000000") && f[7].equals("00000000");
        if (isDefault && (flags & FLAG_UP) != 0 && (flags & FLAG_GATEWAY) != 0
            && metric < bestMetric) {
          best = littleEndian(Long.parseLong(f[2], 16));
          bestMetric = metric;
        }
      } catch (NumberFormatException e) {
        // not a route line; the kernel writes none such, so skip it
      }
    }
    return Optional.ofNullable(best);
  }

  /** Our address towards {@code gateway}: what the kernel picks as source (nothing is sent). */
  public static InetAddress localAddressTowards(InetAddress gateway) throws IOException {
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(gateway, GatewayUdp.SERVER_PORT));
      InetAddress local = probe.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        throw new IOException("no local address routes to " + gateway.getHostAddress());
      }
      return local;
    }
  }

  private static InetAddress littleEndian(long value) {
    byte[] ip = {(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)};
    try {
      return Inet4Address.getByAddress(ip);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }
}
