package swarmsync.nat;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Whether an address is on one of the networks this host is directly attached to (its
 * interfaces' address prefixes). A peer there reaches us without the gateway's mapping.
 */
public final class LocalSubnets {
  private LocalSubnets() {}

  /** True when {@code address} is loopback or inside a prefix of one of our interfaces. */
  public static boolean contains(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
      return true;
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
          if (samePrefix(a.getAddress(), address, a.getNetworkPrefixLength())) {
            return true;
          }
        }
      }
    } catch (SocketException e) {
      return false;
    }
    return false;
  }

  /** Whether {@code a} and {@code b} share their first {@code bits} bits (same family only). */
  static boolean samePrefix(InetAddress a, InetAddress b, int bits) {
    byte[] x = a.getAddress();
    byte[] y = b.getAddress();
    if (x.length != y.length || bits < 0 || bits > x.length * 8) {
      return false;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
