package swarmsync.config;

import java.util.List;

/**
 * The discovery switches and lists of {@code config.json}, under {@code "discovery"}. A missing
 * switch means on; a command-line {@code --no-*} turns a method off whatever the file says, and
 * {@code --tracker} / {@code --dht-bootstrap} given on the command line replace these lists.
 * Empty lists mean the built-in public defaults.
 *
 * @param lan          LAN multicast and broadcast announcements
 * @param tracker      BitTorrent tracker announces
 * @param dht          the Mainline DHT
 * @param trackers     tracker URLs to announce to
 * @param dhtBootstrap DHT bootstrap nodes, host:port
 */
public record DiscoveryConfig(Boolean lan, Boolean tracker, Boolean dht, List<String> trackers,
    List<String> dhtBootstrap) {

  public static final DiscoveryConfig DEFAULTS = new DiscoveryConfig(null, null, null, null, null);

  public DiscoveryConfig {
    trackers = trackers == null ? List.of() : List.copyOf(trackers);
    dhtBootstrap = dhtBootstrap == null ? List.of() : List.copyOf(dhtBootstrap);
  }

  public boolean lanOn() {
    return lan == null || lan;
  }

  public boolean trackerOn() {
    return tracker == null || tracker;
  }

  public boolean dhtOn() {
    return dht == null || dht;
  }
}
