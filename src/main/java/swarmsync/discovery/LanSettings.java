package swarmsync.discovery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Where and how often {@link LanSource} announces: multicast groups, UDP port, interval, and
 * which interfaces it uses.
 *
 * @param ipv4Group  IPv4 multicast group, administratively scoped (239.255.0.0/16)
 * @param ipv6Group  IPv6 multicast group, link-local scope (ff12::/16)
 * @param port       UDP port announcements are sent to and heard on
 * @param interval   time between periodic announcements
 * @param interfaces which interfaces to announce and listen on
 */
public record LanSettings(Inet4Address ipv4Group, Inet6Address ipv6Group, int port,
    Duration interval, Interfaces interfaces) {
  /** Default IPv4 group: 239.255.115.115, 115 being 's' (0x73) for swarmsync. */
  public static final String DEFAULT_IPV4_GROUP = "239.255.115.115";
  /** Default IPv6 group: link-local scope, 7373:796e being "ssyn". */
  public static final String DEFAULT_IPV6_GROUP = "ff12::7373:796e";
  /** Default UDP port: unassigned by IANA, next to Syncthing's 21027 without clashing. */
  public static final int DEFAULT_PORT = 21073;
  /** Default time between announcements: a new node is answered at once, so this is a backstop. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** Which interfaces to use; interfaces must be up, and non-loopback ones multicast-capable. */
  public enum Interfaces {
    /** Every up, non-loopback, multicast-capable interface: the normal setting. */
    NETWORK,
    /** As NETWORK plus loopback, so processes on one host find each other. */
    NETWORK_AND_LOOPBACK,
    /** Loopback only: tests on a shared host, nothing leaves the machine. */
    LOOPBACK_ONLY
  }

  public LanSettings {
    if (!ipv4Group.isMulticastAddress() || !ipv6Group.isMulticastAddress()) {
      throw new IllegalArgumentException("groups must be multicast: " + ipv4Group + ", "
          + ipv6Group);
    }
    if (port < 1 || port > 0xffff) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
  }

  public static LanSettings defaults() {
    try {
      return new LanSettings((Inet4Address) InetAddress.getByName(DEFAULT_IPV4_GROUP),
          (Inet6Address) InetAddress.getByName(DEFAULT_IPV6_GROUP), DEFAULT_PORT,
          DEFAULT_INTERVAL, Interfaces.NETWORK);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("literal group addresses must parse", e);
    }
  }

  public LanSettings withPort(int newPort) {
    return new LanSettings(ipv4Group, ipv6Group, newPort, interval, interfaces);
  }

  public LanSettings withInterval(Duration newInterval) {
    return new LanSettings(ipv4Group, ipv6Group, port, newInterval, interfaces);
  }

  public LanSettings withInterfaces(Interfaces newInterfaces) {
    return new LanSettings(ipv4Group, ipv6Group, port, interval, newInterfaces);
  }
}
