package swarmsync.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swarmsync.api.FolderView;
import swarmsync.api.client.ApiClient;
import swarmsync.config.ConfigStore;
import swarmsync.config.DaemonOptions;
import swarmsync.config.DiscoveryConfig;
import swarmsync.config.HomeLayout;
import swarmsync.config.HomeLock;
import swarmsync.util.DurationText;

/**
 * {@code swarmsync invite accept}: trades a one-time key for the folder key it grants and
 * shares the folder. With a daemon running it asks the daemon (which then syncs the folder);
 * without one it runs a node of this home just long enough to redeem the key, and the folder
 * syncs when the daemon starts. Lives in {@code node} because of that second case.
 */
@Command(name = "accept", description = "Redeem a one-time key (C...) and share its folder.")
public final class InviteAcceptCommand implements Callable<Integer> {
  @Option(names = "--home", required = true, paramLabel = "DIR",
      description = "The node's home directory.") Path home;
  @Option(names = "--key", required = true, paramLabel = "C...") String key;
  @Option(names = "--peer", paramLabel = "HOST:PORT",
      description = "Where the issuer may be reached (repeatable); discovery finds it too.")
  List<String> peers = new ArrayList<>();
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long to wait for the issuer (default ${DEFAULT-VALUE}).")
  String timeout;
  @Option(names = "--no-lan", description = "Without a daemon: no LAN discovery.")
  boolean noLan;
  @Option(names = "--no-dht", description = "Without a daemon: no DHT.") boolean noDht;
  @Option(names = "--no-tracker", description = "Without a daemon: no trackers.")
  boolean noTracker;
  @Option(names = "--verbose", description = "Without a daemon: show the node's log.")
  boolean verbose;
  @Parameters(paramLabel = "PATH", description = "Where to keep the folder (must exist).")
  Path path;

  /** Room beyond the wait for the issuer for the daemon to add the folder and answer. */
  private static final Duration HTTP_MARGIN = Duration.ofSeconds(30);

  @Override
  public Integer call() throws Exception {
    Duration wait = DurationText.parse(timeout);
    String absolute = path.toAbsolutePath().normalize().toString();
    HomeLayout layout = new HomeLayout(home);
    if (HomeLock.isHeld(layout)) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("key", key);
      body.put("path", absolute);
      body.put("peers", peers);
      body.put("timeout", timeout);
      ApiClient.forHome(layout).post("/rest/invites/accept", body, wait.plus(HTTP_MARGIN));
    } else {
      if (!verbose) {
        quietLog();
      }
      try (Node node = Node.start(temporaryNode(layout.create()))) {
        FolderView added = node.acceptInvite(key, absolute, peers, wait);
        System.err.println("swarmsync: the folder syncs when the daemon runs ("
            + added.keyKind() + " key)");
      }
    }
    System.out.println("added " + absolute);
    return 0;
  }

  /**
   * Silences the temporary node's log, so that the command prints only its result or its
   * one-line error, as every other command does.
   */
  private static void quietLog() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.OFF);
    }
  }

  /** A node of this home on free ports, with the home's discovery settings less the flags. */
  private DaemonOptions temporaryNode(HomeLayout layout) throws java.io.IOException {
    DiscoveryConfig discovery = ConfigStore.open(layout).current().discovery();
    return new DaemonOptions(layout, DaemonOptions.parseAddress("0.0.0.0:0"),
        DaemonOptions.parseAddress("127.0.0.1:0"), List.of(), !noLan && discovery.lanOn(),
        !noDht && discovery.dhtOn(), !noTracker && discovery.trackerOn(), false, false,
        discovery.trackers(), discovery.dhtBootstrap(), List.of(), null, null,
        Duration.ofHours(1));
  }
}
