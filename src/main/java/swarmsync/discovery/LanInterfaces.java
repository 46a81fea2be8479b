package swarmsync.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The interfaces LAN discovery uses right now, per {@link LanSettings.Interfaces}. */
final class LanInterfaces {
  private static final Logger LOG = LoggerFactory.getLogger(LanInterfaces.class);

  /**
   * One usable interface and what it can carry.
   *
   * @param broadcasts IPv4 directed broadcast addresses (none on loopback)
   */
  record Usable(NetworkInterface nif, boolean ipv4, boolean ipv6, List<Inet4Address> broadcasts) {
    String name() {
      return nif.getName();
    }
  }

  private LanInterfaces() {}

  /** Lists the usable interfaces; an interface that cannot be queried is skipped. */
  static List<Usable> list(LanSettings.Interfaces which) {
    List<Usable> usable = new ArrayList<>();
    List<NetworkInterface> all;
    try {
      all = Collections.list(NetworkInterface.getNetworkInterfaces());
    } catch (SocketException e) {
      LOG.warn("listing network interfaces for LAN discovery failed: {}", e.getMessage());
      return usable;
    }
    for (NetworkInterface nif : all) {
      try {
        if (nif.isVirtual() || !nif.isUp() || !selected(nif, which)) {
          continue;
        }
        usable.add(describe(nif));
      } catch (SocketException e) {
        LOG.debug("skipping interface {}: {}", nif.getName(), e.getMessage());
      }
    }
    return usable;
  }

  private static boolean selected(NetworkInterface nif, LanSettings.Interfaces which)
      throws SocketException {
    if (nif.isLoopback()) {
      return which != LanSettings.Interfaces.NETWORK;
    }
    return which != LanSettings.Interfaces.LOOPBACK_ONLY && nif.supportsMulticast();
  }

  private static Usable describe(NetworkInterface nif) {
    boolean ipv4 = false;
    boolean ipv6 = false;
    List<Inet4Address> broadcasts = new ArrayList<>();
    for (InterfaceAddress a : nif.getInterfaceAddresses()) {
      if (a.getAddress() instanceof Inet4Address) {
        ipv4 = true;
        if (a.getBroadcast() instanceof Inet4Address b && !b.isAnyLocalAddress()) {
          broadcasts.add(b);
        }
      } else if (a.getAddress() instanceof Inet6Address) {
        ipv6 = true;
      }
    }
    return new Usable(nif, ipv4, ipv6, List.copyOf(broadcasts));
  }
}
