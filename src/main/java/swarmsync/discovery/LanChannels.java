package swarmsync.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP sockets of LAN discovery: one IPv4 and (when the host has IPv6) one IPv6 channel,
 * both bound to the announcement port with address reuse, their group memberships per interface,
 * and sending to the groups and broadcast addresses. Calls to {@link #refresh} and {@link #send}
 * come from one thread; receiving may run on others; {@link #close} ends blocked receives.
 */
final class LanChannels implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LanChannels.class);
  /** The limited broadcast address, sent to once per round when a broadcast LAN is in use. */
  private static final InetAddress LIMITED_BROADCAST = limitedBroadcast();
  /** Multicast hops: 1, announcements are for this link only. */
  private static final int MULTICAST_TTL = 1;

  private final LanSettings settings;
  private final DatagramChannel v4;
  private final DatagramChannel v6;
  /** Memberships by interface name and index, so a re-created interface is joined again. */
  private final Map<String, MembershipKey> joined = new HashMap<>();

  private LanChannels(LanSettings settings, DatagramChannel v4, DatagramChannel v6) {
    this.settings = settings;
    this.v4 = v4;
    this.v6 = v6;
  }

  /** Opens and binds the channels; IPv6 being unavailable only leaves its channel out. */
  static LanChannels open(LanSettings settings) throws IOException {
    DatagramChannel v4 = bind(StandardProtocolFamily.INET, settings.port());
    v4.setOption(StandardSocketOptions.SO_BROADCAST, true);
    DatagramChannel v6 = null;
    try {
      v6 = bind(StandardProtocolFamily.INET6, settings.port());
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("LAN discovery without IPv6: {}", e.getMessage());
    }
    return new LanChannels(settings, v4, v6);
  }

  private static DatagramChannel bind(ProtocolFamily family, int port) throws IOException {
    DatagramChannel channel = DatagramChannel.open(family);
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, MULTICAST_TTL);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      channel.bind(new InetSocketAddress(port));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new IOException("binding " + family + " UDP port " + port + ": " + e.getMessage(),
          e);
    }
  }

  /** The open channels, IPv4 first. */
  List<DatagramChannel> channels() {
    return v6 == null ? List.of(v4) : List.of(v4, v6);
  }

  boolean isIpv6(DatagramChannel channel) {
    return channel == v6;
  }

  /** Joins the groups on new interfaces and leaves those of interfaces that are gone. */
  void refresh(List<LanInterfaces.Usable> interfaces) {
    Set<String> wanted = new HashSet<>();
    for (LanInterfaces.Usable u : interfaces) {
      if (u.ipv4()) {
        join(wanted, "v4", v4, settings.ipv4Group(), u);
      }
      if (u.ipv6() && v6 != null) {
        join(wanted, "v6", v6, settings.ipv6Group(), u);
      }
    }
    joined.entrySet().removeIf(e -> {
      if (wanted.contains(e.getKey())) {
        return false;
      }
      leave(e.getKey(), e.getValue());
      return true;
    });
  }

  private static void leave(String name, MembershipKey key) {
    LOG.debug("leaving LAN group {}", name);
    try {
      key.drop();
    } catch (Error | RuntimeException e) {
      // the JDK turns the kernel's refusal to leave a group on a vanished interface into an
      // Error ("should not happen"); the kernel has dropped that membership with the interface
      LOG.debug("leaving LAN group {} failed: {}", name, e.toString());
    }
  }

  private void join(Set<String> wanted, String family, DatagramChannel channel,
      InetAddress group, LanInterfaces.Usable u) {
    String key = family + " " + u.name() + "#" + u.nif().getIndex();
    MembershipKey existing = joined.get(key);
    if (existing != null && existing.isValid()) {
      wanted.add(key);
      return;
    }
    try {
      joined.put(key, channel.join(group, u.nif()));
      wanted.add(key);
      LOG.debug("joined LAN group {} on {}", group.getHostAddress(), key);
    } catch (IOException | RuntimeException e) {
      LOG.debug("joining {} on {} failed: {}", group.getHostAddress(), key, e.getMessage());
    }
  }

  /** Sends every packet to each interface's groups and broadcast addresses. */
  void send(List<byte[]> packets, List<LanInterfaces.Usable> interfaces) {
    boolean broadcastLan = false;
    for (LanInterfaces.Usable u : interfaces) {
      if (u.ipv4()) {
        sendVia(v4, u, settings.ipv4Group(), packets);
        for (Inet4Address b : u.broadcasts()) {
          sendTo(v4, u, b, packets);
          broadcastLan = true;
        }
      }
      if (u.ipv6() && v6 != null) {
        sendVia(v6, u, settings.ipv6Group(), packets);
      }
    }
    if (broadcastLan) {
      sendTo(v4, null, LIMITED_BROADCAST, packets);
    }
  }

  private void sendVia(DatagramChannel channel, LanInterfaces.Usable u, InetAddress group,
      List<byte[]> packets) {
    try {
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, u.nif());
    } catch (IOException | RuntimeException e) {
      LOG.debug("choosing {} for {} failed: {}", u.name(), group.getHostAddress(),
          e.getMessage());
      return;
    }
    sendTo(channel, u, group, packets);
  }

  private void sendTo(DatagramChannel channel, LanInterfaces.Usable u, InetAddress target,
      List<byte[]> packets) {
    InetSocketAddress to = new InetSocketAddress(target, settings.port());
    try {
      for (byte[] p : packets) {
        channel.send(ByteBuffer.wrap(p), to);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("sending LAN announcement to {} via {} failed: {}", to,
          u == null ? "route" : u.name(), e.getMessage());
    }
  }

  private static InetAddress limitedBroadcast() {
    try {
      return InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
    } catch (IOException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }

  @Override
  public void close() {
    for (DatagramChannel c : channels()) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.debug("closing LAN channel: {}", e.getMessage());
      }
    }
  }
}
