package swarmsync.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.record.DeviceId;

/**
 * The node's ways of finding peers put together: starts every {@link PeerSource}, gives them the
 * discovery ids to announce, dials each address they report (except our own), and remembers
 * which source found each dialed address first, for {@code found_by} in the status.
 *
 * <p>A source that fails to start is logged with its reason and closed; the others go on.
 */
public final class PeerFinder implements AutoCloseable {
  /** The {@code found_by} of addresses given on the command line or in a folder's config. */
  public static final String MANUAL = "manual";
  /** The {@code found_by} of addresses a connected peer told us (peer exchange). */
  public static final String PEX = "pex";

  private static final Logger LOG = LoggerFactory.getLogger(PeerFinder.class);
  /** An IPv4 literal; hosts with a colon are IPv6 literals (host names have none). */
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** Where the finder sends an address to connect to; repeats must be harmless. */
  @FunctionalInterface
  public interface Dial {
    void dial(InetSocketAddress address);
  }

  private final List<PeerSource> sources;
  /** Sources that started; not guarded, so no source runs under this finder's lock. */
  private final List<PeerSource> running = new CopyOnWriteArrayList<>();
  private final Dial dial;
  /** Guarded by this: each dialed address and the source that found it first, in order. */
  private final Map<InetSocketAddress, String> dialed = new LinkedHashMap<>();
  private LocalNode self;
  private boolean closed;

  public PeerFinder(List<PeerSource> sources, Dial dial) {
    this.sources = List.copyOf(sources);
    this.dial = dial;
  }

  /** Dials an address given by hand ({@code --peer} or a folder's peers). */
  public void dialManual(InetSocketAddress address) {
    dialFound(address, MANUAL);
  }

  /** Dials an address a connected peer told us for a shared folder (peer exchange). */
  public void dialExchanged(InetSocketAddress address) {
    dialFound(address, PEX);
  }

  /** Starts every source as {@code node}, announcing {@code discoveryIds} at once. */
  public void start(LocalNode node, Set<String> discoveryIds) {
    synchronized (this) {
      self = node;
    }
    for (PeerSource source : sources) {
      try {
        source.announce(discoveryIds);
        source.start(node, (id, address, name) -> dialFound(address, name));
        running.add(source);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} discovery is off: it failed to start: {}", source.name(), e.toString());
        source.close();
      }
    }
  }

  /** Names of the sources that started. */
  public List<String> runningSources() {
    return running.stream().map(PeerSource::name).toList();
  }

  /** Replaces the discovery ids every running source announces and looks up. */
  public void announce(Set<String> discoveryIds) {
    for (PeerSource source : running) {
      source.announce(discoveryIds);
    }
  }

  private void dialFound(InetSocketAddress address, String source) {
    InetSocketAddress target = literal(address);
    synchronized (this) {
      if (closed || isSelf(target) || dialed.containsKey(target)) {
        return;
      }
      dialed.put(target, source);
    }
    LOG.info("dialing {} found by {}", target, source);
    dial.dial(target);
  }

  /**
   * How the peer at the other end of a connection was found: for an outbound connection, the
   * source that first reported the address it was dialed at; for an inbound one, the source
   * that first reported an address where our own dial reached the same device; otherwise
   * {@link #MANUAL} (nothing on our side found it: the peer found us).
   *
   * @param reachedAt the device our dial to an address last reached there, if any
   */
  public synchronized String foundBy(DeviceId peer, InetSocketAddress remote, boolean outbound,
      Function<InetSocketAddress, Optional<DeviceId>> reachedAt) {
    for (Map.Entry<InetSocketAddress, String> e : dialed.entrySet()) {
      boolean match = outbound ? sameEndpoint(e.getKey(), remote)
          : reachedAt.apply(e.getKey()).filter(peer::equals).isPresent();
      if (match) {
        return e.getValue();
      }
    }
    return MANUAL;
  }

  private static boolean sameEndpoint(InetSocketAddress dialedAt, InetSocketAddress remote) {
    if (dialedAt.getPort() != remote.getPort()) {
      return false;
    }
    return dialedAt.isUnresolved() ? dialedAt.getHostString().equals(remote.getHostString())
        : dialedAt.getAddress().equals(remote.getAddress());
  }

  /** The address resolved if its host is an IP literal (no DNS), else as it is. */
  private static InetSocketAddress literal(InetSocketAddress address) {
    String host = address.getHostString();
    if (address.isUnresolved() && (host.contains(":") || IPV4_LITERAL.matcher(host).matches())) {
      return new InetSocketAddress(host, address.getPort());
    }
    return address;
  }

  /** Whether an address is where this node listens: our port on one of our addresses. */
  private boolean isSelf(InetSocketAddress address) {
    if (self == null || address.isUnresolved() || !self.isOurPort(address.getPort())) {
      return false;
    }
    InetAddress ip = address.getAddress();
    try {
      return ip.isAnyLocalAddress() || ip.isLoopbackAddress()
          || NetworkInterface.getByInetAddress(ip) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  /** Closes every source (trackers hear {@code stopped}); later calls do nothing. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (PeerSource source : running) {
      try {
        source.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} discovery failed: {}", source.name(), e.toString());
      }
    }
  }
}
