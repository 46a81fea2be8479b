package swarmsync.nat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.util.DaemonThreads;

/**
 * Keeps this node's listening TCP port (and, for the DHT, the same UDP port) mapped on the
 * default gateway: tries each {@link PortMapper} in order until one maps it, renews that mapping
 * at half its lease, falls back to the whole list when a renewal fails and the lease ran out,
 * retries every {@link #RETRY} while nothing works, and removes the mapping on {@link #close()}.
 *
 * <p>The order is PCP, NAT-PMP, UPnP ({@link #forDefaultGateway}): PCP and NAT-PMP are one UDP
 * round trip each to the gateway we already know, and a PCP server proves the mapping is ours
 * by its nonce; PCP first because it is NAT-PMP's successor on the same port. UPnP comes last:
 * it needs a multicast search, HTTP and XML, so it is the slowest to succeed or to fail, yet
 * it is what most home routers speak, so it is always tried.
 *
 * <p>The UDP mapping, when asked for, is made with the mapper that got the TCP one and renewed
 * with it; it is best effort: without it the DHT works as a client, and nothing else needs it.
 */
public final class MappingRenewer implements AutoCloseable {
  /** The lease we ask for; the gateway may grant less. */
  static final Duration LIFETIME = Duration.ofHours(1);
  /** Wait before trying the whole list again when no protocol worked. */
  static final Duration RETRY = Duration.ofMinutes(5);
  /** Wait before retrying a failed renewal while the lease still runs. */
  static final Duration RENEW_RETRY = Duration.ofSeconds(30);
  /** How often a permanent (UPnP lease 0) mapping is re-added, in case the router forgot it. */
  static final Duration PERMANENT_REFRESH = Duration.ofMinutes(30);
  /** Shortest wait between renewals, however short a lease the gateway grants. */
  static final Duration MIN_RENEW = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(MappingRenewer.class);

  /** The mapping that is in force, the mapper that made it, and its UDP twin (or null). */
  private record Active(PortMapper mapper, PortMapping mapping, PortMapping udp) {}

  private final List<PortMapper> mappers;
  private final int internalPort;
  private final boolean alsoUdp;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      new DaemonThreads("port-mapping"));
  private volatile Active active;
  private boolean failureLogged;
  private boolean closed;

  /** A renewer of TCP {@code internalPort} trying {@code mappers} in this order. */
  public MappingRenewer(List<PortMapper> mappers, int internalPort, Clock clock) {
    this(mappers, internalPort, false, clock);
  }

  /** The same, also mapping UDP {@code internalPort} when {@code alsoUdp}. */
  public MappingRenewer(List<PortMapper> mappers, int internalPort, boolean alsoUdp,
      Clock clock) {
    this.mappers = List.copyOf(mappers);
    this.internalPort = internalPort;
    this.alsoUdp = alsoUdp;
    this.clock = clock;
  }

  /**
   * A renewer for the default gateway of this network namespace, PCP then NAT-PMP then UPnP,
   * mapping to {@code listenHost} (or, for the wildcard address, to our address facing the
   * gateway). With no gateway, or a loopback listen host, it holds no mappers and never maps
   * anything (said once at info).
   */
  public static MappingRenewer forDefaultGateway(InetAddress listenHost, int internalPort,
      boolean alsoUdp, Clock clock) {
    if (listenHost != null && listenHost.isLoopbackAddress()) {
      LOG.info("port mapping: listening on loopback only, nothing to map");
      return new MappingRenewer(List.of(), internalPort, alsoUdp, clock);
    }
    Optional<InetAddress> gateway = DefaultGateway.read();
    if (gateway.isEmpty()) {
      LOG.info("port mapping: no default gateway, nothing to map");
      return new MappingRenewer(List.of(), internalPort, alsoUdp, clock);
    }
    InetAddress local = listenHost;
    if (local == null || local.isAnyLocalAddress()) {
      try {
        local = DefaultGateway.localAddressTowards(gateway.get());
      } catch (IOException e) {
        LOG.info("port mapping: {}, nothing to map", e.getMessage());
        return new MappingRenewer(List.of(), internalPort, alsoUdp, clock);
      }
    }
    LOG.info("port mapping: gateway {}, our address {}", gateway.get().getHostAddress(),
        local.getHostAddress());
    return new MappingRenewer(List.of(new PcpPortMapper(gateway.get(), local, clock),
        new NatPmpPortMapper(gateway.get(), local, clock),
        new UpnpPortMapper(gateway.get(), local, clock)), internalPort, alsoUdp, clock);
  }

  /** Tries to map now (bounded: a few seconds when the gateway is silent), then keeps at it. */
  public void start() {
    if (!mappers.isEmpty()) {
      schedule(attempt());
    }
  }

  /** The mapping in force, if any. */
  public Optional<PortMapping> current() {
    Active a = active;
    return a == null || a.mapping().expired(clock.instant()) ? Optional.empty()
        : Optional.of(a.mapping());
  }

  /** The UDP mapping in force (the DHT's port), if any. */
  public Optional<PortMapping> currentUdp() {
    Active a = active;
    return a == null || a.udp() == null || a.udp().expired(clock.instant()) ? Optional.empty()
        : Optional.of(a.udp());
  }

  /**
   * The port to tell peers outside our network: the external one of the mapping in force, else
   * ours (discovery asks at each announcement, so a moved or lapsed mapping is followed).
   */
  public int advertisedPort() {
    return current().map(PortMapping::externalPort).orElse(internalPort);
  }

  /**
   * The port to name in a Hello to the peer at {@code peer} for our {@code listenPort}: the
   * mapped external port when a mapping of that port is in force and the peer is outside our
   * networks (it reaches us through the gateway), else {@code listenPort}.
   */
  public int portFor(InetAddress peer, int listenPort) {
    Optional<PortMapping> m = current();
    return m.isPresent() && m.get().internalPort() == listenPort
        && !LocalSubnets.contains(peer) ? m.get().externalPort() : listenPort;
  }

  /**
   * Whether a connection accepted on {@code local} from {@code remote} came in through the
   * mapping: one is in force for that port and the peer is not on a network of ours.
   */
  public boolean cameThroughMapping(InetSocketAddress local, InetSocketAddress remote) {
    Optional<PortMapping> m = current();
    return m.isPresent() && local.getPort() == m.get().internalPort()
        && !LocalSubnets.contains(remote.getAddress());
  }

  /** One round: renew what we have, or find a mapper that works; returns the next wait. */
  synchronized Duration attempt() {
    if (closed) {
      return RETRY;
    }
    Active held = active;
    if (held != null) {
      try {
        PortMapping renewed = held.mapper().map(Transport.TCP, internalPort,
            held.mapping().externalPort(), LIFETIME);
        if (renewed.externalPort() != held.mapping().externalPort()
            || !renewed.externalAddress().equals(held.mapping().externalAddress())) {
          LOG.warn("port mapping moved on renewal: now {} (announced from the next round on)",
              renewed);
        }
        PortMapping udp = udpBeside(held.mapper(), renewed, held.udp());
        active = new Active(held.mapper(), renewed, udp);
        return nextRenewal(renewed, udp);
      } catch (IOException e) {
        if (!held.mapping().expired(clock.instant())) {
          LOG.warn("renewing port mapping {} failed: {}; retrying in {} s", held.mapping(),
              e.getMessage(), RENEW_RETRY.toSeconds());
          return RENEW_RETRY;
        }
        LOG.warn("port mapping {} lost: {}", held.mapping(), e.getMessage());
        active = null;
      }
    }
    List<String> reasons = new ArrayList<>();
    for (PortMapper mapper : mappers) {
      try {
        PortMapping mapping = mapper.map(Transport.TCP, internalPort, internalPort, LIFETIME);
        LOG.info("port mapping: {}", mapping);
        PortMapping udp = udpBeside(mapper, mapping, null);
        active = new Active(mapper, mapping, udp);
        failureLogged = false;
        return nextRenewal(mapping, udp);
      } catch (IOException e) {
        reasons.add(mapper.name() + ": " + e.getMessage());
      }
    }
    if (!failureLogged) {
      LOG.info("port mapping: none worked ({}); retrying every {} min",
          String.join("; ", reasons), RETRY.toMinutes());
      failureLogged = true;
    } else {
      LOG.debug("port mapping: none worked ({})", String.join("; ", reasons));
    }
    return RETRY;
  }

  /**
   * Maps or renews UDP {@code internalPort} with the mapper that holds the TCP mapping, asking
   * for the same external port; returns the UDP mapping, the one {@code held} while its lease
   * still runs when a renewal fails, or null.
   */
  private PortMapping udpBeside(PortMapper mapper, PortMapping tcp, PortMapping held) {
    if (!alsoUdp) {
      return null;
    }
    int suggested = held != null ? held.externalPort() : tcp.externalPort();
    try {
      PortMapping udp = mapper.map(Transport.UDP, internalPort, suggested, LIFETIME);
      if (held == null || held.externalPort() != udp.externalPort()) {
        LOG.info("port mapping for the DHT: {}", udp);
      }
      return udp;
    } catch (IOException e) {
      if (held != null && !held.expired(clock.instant())) {
        LOG.warn("renewing UDP port mapping {} failed: {}", held, e.getMessage());
        return held;
      }
      LOG.info("port mapping for the DHT (UDP {}) failed: {}; the DHT works as a client",
          internalPort, e.getMessage());
      return null;
    }
  }

  /** The renewal wait of the shorter of the two leases. */
  static Duration nextRenewal(PortMapping tcp, PortMapping udp) {
    Duration next = nextRenewal(tcp);
    if (udp != null && nextRenewal(udp).compareTo(next) < 0) {
      next = nextRenewal(udp);
    }
    return next;
  }

  /** Half the granted lease (RFC 6886 §3.3 asks renewal before expiry), at least MIN_RENEW. */
  static Duration nextRenewal(PortMapping mapping) {
    if (mapping.permanent()) {
      return PERMANENT_REFRESH;
    }
    Duration half = mapping.lifetime().dividedBy(2);
    return half.compareTo(MIN_RENEW) < 0 ? MIN_RENEW : half;
  }

  private void schedule(Duration delay) {
    try {
      timer.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("port mapping: not rescheduled, stopping");
    }
  }

  private void tick() {
    Duration next = RETRY;
    try {
      next = attempt();
    } catch (RuntimeException e) {
      LOG.warn("port mapping round failed: {}", e.toString());
    }
    schedule(next);
  }

  /** Stops renewing and removes the mapping from the gateway (bounded in time). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    timer.shutdownNow();
    Active held = active;
    active = null;
    if (held == null) {
      return;
    }
    if (held.udp() != null) {
      remove(held.mapper(), held.udp());
    }
    remove(held.mapper(), held.mapping());
  }

  private static void remove(PortMapper mapper, PortMapping mapping) {
    try {
      mapper.unmap(mapping);
      LOG.info("port mapping removed: {}", mapping);
    } catch (IOException e) {
      LOG.warn("removing port mapping {} failed: {} (it expires by itself)", mapping,
          e.getMessage());
    }
  }
}
