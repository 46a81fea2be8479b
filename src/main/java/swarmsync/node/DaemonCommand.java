package swarmsync.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import swarmsync.config.ConfigStore;
import swarmsync.config.DaemonOptions;
import swarmsync.config.DiscoveryConfig;
import swarmsync.config.HomeLayout;
import swarmsync.config.NodeConfig;

/** {@code swarmsync daemon}: runs a node in the foreground until stopped. */
@Command(name = "daemon", description = "Run the sync node, its REST API and web interface.")
public final class DaemonCommand implements Callable<Integer> {
  /** Where peers connect when neither {@code --listen} nor the configuration says. */
  static final String DEFAULT_LISTEN = "0.0.0.0:41111";

  @Option(names = "--home", required = true, paramLabel = "DIR") Path home;
  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where peers connect (default: config.json's \"listen\", else "
          + DEFAULT_LISTEN + ").") String listen;
  @Option(names = "--gui", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8888",
      description = "REST API and web interface (default ${DEFAULT-VALUE}).") String gui;
  @Option(names = "--peer", paramLabel = "HOST:PORT") List<String> peers = new ArrayList<>();
  @Option(names = "--no-lan") boolean noLan;
  @Option(names = "--no-dht") boolean noDht;
  @Option(names = "--no-tracker") boolean noTracker;
  @Option(names = "--no-upnp") boolean noUpnp;
  @Option(names = "--no-relay") boolean noRelay;
  @Option(names = "--tracker", paramLabel = "URL") List<String> trackers = new ArrayList<>();
  @Option(names = "--dht-bootstrap", paramLabel = "HOST:PORT")
  List<String> dhtBootstrap = new ArrayList<>();
  @Option(names = "--relay", paramLabel = "relay://HOST:PORT")
  List<String> relays = new ArrayList<>();
  @Option(names = "--serve-tracker", paramLabel = "HOST:PORT") String serveTracker;
  @Option(names = "--serve-relay", paramLabel = "HOST:PORT") String serveRelay;
  @Option(names = "--rescan-interval", paramLabel = "SECONDS", defaultValue = "3600",
      description = "Seconds between full rescans (default ${DEFAULT-VALUE}).")
  long rescanSeconds;
  @Option(names = "--gui-tls", description = "Serve the REST API and web interface over HTTPS "
      + "only, with the device certificate.") boolean guiTls;

  @Override
  public Integer call() throws Exception {
    HomeLayout layout = new HomeLayout(home);
    NodeConfig config = ConfigStore.open(layout).current();
    DiscoveryConfig discovery = config.discovery();
    String listenAt = listen != null ? listen
        : config.listen() != null ? config.listen() : DEFAULT_LISTEN;
    DaemonOptions options = new DaemonOptions(layout,
        DaemonOptions.parseAddress(listenAt), DaemonOptions.parseAddress(gui), peers,
        !noLan && discovery.lanOn(), !noDht && discovery.dhtOn(),
        !noTracker && discovery.trackerOn(), !noUpnp, !noRelay,
        trackers.isEmpty() ? discovery.trackers() : trackers,
        dhtBootstrap.isEmpty() ? discovery.dhtBootstrap() : dhtBootstrap, relays,
        serveTracker == null ? null : DaemonOptions.parseAddress(serveTracker),
        serveRelay == null ? null : DaemonOptions.parseAddress(serveRelay),
        Duration.ofSeconds(rescanSeconds), guiTls);
    try (Node node = Node.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(node::close, "shutdown"));
      node.awaitShutdown();
    }
    return 0;
  }
}
