package swarmsync.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How a daemon runs, from its command line: addresses, peers and which discovery and NAT
 * services are on.
 *
 * @param home               the node's home
 * @param listen             where peers connect to us
 * @param gui                where the REST API and web interface listen
 * @param peers              peers to dial for every folder
 * @param lan                LAN discovery on
 * @param dht                Mainline DHT on
 * @param trackers           tracker announce on
 * @param upnp               port mapping on
 * @param relays             relay use on
 * @param trackerUrls        trackers to announce to (replace the defaults)
 * @param dhtBootstrap       DHT bootstrap nodes (replace the defaults)
 * @param relayUrls          relays to use (replace the defaults)
 * @param serveTracker       address to serve a tracker on, or null
 * @param serveRelay         address to serve a relay on, or null
 * @param fullRescanInterval time between full rescans of each folder
 * @param guiTls             serve the REST API and web interface over HTTPS only, with the
 *                           device certificate
 */
public record DaemonOptions(
    HomeLayout home,
    InetSocketAddress listen,
    InetSocketAddress gui,
    List<String> peers,
    boolean lan,
    boolean dht,
    boolean trackers,
    boolean upnp,
    boolean relays,
    List<String> trackerUrls,
    List<String> dhtBootstrap,
    List<String> relayUrls,
    InetSocketAddress serveTracker,
    InetSocketAddress serveRelay,
    Duration fullRescanInterval,
    boolean guiTls) {

  public DaemonOptions {
    peers = List.copyOf(peers);
    trackerUrls = List.copyOf(trackerUrls);
    dhtBootstrap = List.copyOf(dhtBootstrap);
    relayUrls = List.copyOf(relayUrls);
  }

  /** Options with the web interface over plain HTTP. */
  public DaemonOptions(HomeLayout home, InetSocketAddress listen, InetSocketAddress gui,
      List<String> peers, boolean lan, boolean dht, boolean trackers, boolean upnp,
      boolean relays, List<String> trackerUrls, List<String> dhtBootstrap,
      List<String> relayUrls, InetSocketAddress serveTracker, InetSocketAddress serveRelay,
      Duration fullRescanInterval) {
    this(home, listen, gui, peers, lan, dht, trackers, upnp, relays, trackerUrls, dhtBootstrap,
        relayUrls, serveTracker, serveRelay, fullRescanInterval, false);
  }

  /** Parses {@code host:port} (IPv6 hosts in brackets); one-line error otherwise. */
  public static InetSocketAddress parseAddress(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port of '" + text + "' is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port of '" + text + "' is out of range");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }
}
