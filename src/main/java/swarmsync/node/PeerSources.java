package swarmsync.node;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.config.DaemonOptions;
import swarmsync.dht.DhtSettings;
import swarmsync.discovery.CacheSource;
import swarmsync.discovery.DhtSource;
import swarmsync.discovery.LanSettings;
import swarmsync.discovery.LanSource;
import swarmsync.discovery.PeerSource;
import swarmsync.discovery.TrackerSource;
import swarmsync.discovery.TrackerSourceSettings;

/**
 * The discovery sources a daemon's options ask for: LAN, trackers and the DHT, each unless its
 * {@code --no-*} flag is given, with the built-in public trackers and DHT routers unless the
 * command line names others (which then replace them).
 */
final class PeerSources {
  /** Public open trackers that accept any info_hash, over UDP (BEP 15): cheap for them. */
  static final List<String> DEFAULT_TRACKERS = List.of(
      "udp://tracker.opentrackr.org:1337/announce",
      "udp://open.stealth.si:80/announce",
      "udp://tracker.torrent.eu.org:451/announce");
  /** The long-lived public Mainline DHT routers every BitTorrent client bootstraps from. */
  static final List<String> DEFAULT_DHT_BOOTSTRAP = List.of(
      "router.bittorrent.com:6881",
      "dht.transmissionbt.com:6881",
      "router.utorrent.com:6881");
  /** File in the home where the DHT keeps its node id and good nodes between runs. */
  static final String DHT_STATE_FILE = "dht-state.bin";
  /** File in the home where addresses that produced a working connection are kept. */
  static final String ADDRESS_CACHE_FILE = "peer-cache.txt";

  private static final Logger LOG = LoggerFactory.getLogger(PeerSources.class);

  private PeerSources() {}

  /**
   * The sources for {@code options}, the address cache first so that its addresses are dialed
   * first and keep {@code found_by = cache}; the DHT listens on UDP at the listen host and the port peers
   * connect to over TCP, so one port number serves both.
   */
  static List<PeerSource> build(DaemonOptions options, InetSocketAddress listening,
      CacheSource cache) {
    List<PeerSource> sources = new ArrayList<>(List.of(cache));
    if (options.lan()) {
      sources.add(new LanSource(LanSettings.defaults(), Clock.systemUTC()));
    }
    if (options.trackers()) {
      List<String> urls = options.trackerUrls().isEmpty() ? DEFAULT_TRACKERS
          : options.trackerUrls();
      sources.add(new TrackerSource(urls, TrackerSourceSettings.DEFAULTS));
    }
    if (options.dht()) {
      List<String> given = options.dhtBootstrap().isEmpty() ? DEFAULT_DHT_BOOTSTRAP
          : options.dhtBootstrap();
      InetSocketAddress bind = new InetSocketAddress(options.listen().getHostString(),
          listening.getPort());
      sources.add(new DhtSource(DhtSettings.DEFAULTS, resolve(given), bind,
          options.home().home().resolve(DHT_STATE_FILE)));
    }
    return sources;
  }

  /** The bootstrap nodes whose names resolve now; each that does not is logged and skipped. */
  private static List<InetSocketAddress> resolve(List<String> hostPorts) {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (String hostPort : hostPorts) {
      InetSocketAddress given = DaemonOptions.parseAddress(hostPort);
      InetSocketAddress address = new InetSocketAddress(given.getHostString(), given.getPort());
      if (address.isUnresolved()) {
        LOG.warn("DHT bootstrap node {} skipped: its name does not resolve", hostPort);
      } else {
        resolved.add(address);
      }
    }
    return resolved;
  }
}
