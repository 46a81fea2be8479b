package swarmsync.nat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * A port mapping the gateway granted: peers outside reach {@code externalAddress:externalPort}
 * and land on our {@code internalPort}.
 *
 * @param protocol        the mapping protocol that got it: {@code pcp}, {@code natpmp} or
 *                        {@code upnp}
 * @param transport       TCP or UDP
 * @param internalPort    our port the gateway forwards to
 * @param externalAddress the gateway's external address, as the gateway reports it (may be
 *                        private when the gateway itself is behind another NAT)
 * @param externalPort    the port opened on the gateway
 * @param lifetime        the lease the gateway granted; {@link Duration#ZERO} for a permanent
 *                        mapping (UPnP gateways that only support those)
 * @param grantedAt       when the gateway answered
 */
public record PortMapping(String protocol, Transport transport, int internalPort,
    InetAddress externalAddress, int externalPort, Duration lifetime, Instant grantedAt) {

  /** Whether the gateway gave no expiry. */
  public boolean permanent() {
    return lifetime.isZero();
  }

  /** What is left of the lease at {@code now}, never negative; ZERO for a permanent one. */
  public Duration leaseLeft(Instant now) {
    if (permanent()) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, grantedAt.plus(lifetime));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Whether the lease ran out at {@code now}. */
  public boolean expired(Instant now) {
    return !permanent() && !now.isBefore(grantedAt.plus(lifetime));
  }

  @Override
  public String toString() {
    return protocol + " " + transport + " " + externalAddress.getHostAddress() + ":"
        + externalPort + " -> :" + internalPort
        + (permanent() ? " (permanent)" : " for " + lifetime.toSeconds() + " s");
  }
}
