package swarmsync.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.config.DaemonOptions;
import swarmsync.index.SqliteIndexStore;
import swarmsync.net.ConnectionManager;
import swarmsync.net.DeviceCertificate;
import swarmsync.net.RelayConnector;
import swarmsync.net.TlsContexts;
import swarmsync.relay.RelayLimits;
import swarmsync.relay.RelayServer;
import swarmsync.relay.RelayUri;
import swarmsync.util.Hex;

/**
 * The node's relay parts: the relay it serves ({@code --serve-relay}) and its presence at the
 * relays it uses ({@code --relay}, none built in, off with {@code --no-relay}).
 */
final class NodeRelays implements AutoCloseable {
  /** The {@code found_by} of a peer whose connection came through a relay. */
  static final String FOUND_BY_RELAY = "relay";
  /**
   * Relays used when the command line names none: none. No public relay network speaks our
   * rendezvous extension, and a device must not send its folders' tokens to strangers
   * unasked.
   */
  static final List<String> DEFAULT_RELAYS = List.of();

  private static final Logger LOG = LoggerFactory.getLogger(NodeRelays.class);

  private RelayServer server;
  private RelayConnector connector;

  /** Starts what {@code options} ask for; discovery ids come from {@code folderIds} (hex). */
  void start(DaemonOptions options, DeviceCertificate certificate, ConnectionManager connections,
      SqliteIndexStore index, Supplier<Set<String>> folderIds) throws IOException {
    InetSocketAddress serve = options.serveRelay();
    if (serve != null) {
      server = new RelayServer(TlsContexts.create(certificate), serve, RelayLimits.DEFAULTS);
      InetSocketAddress bound = server.start();
      LOG.info("serving a relay at relay://{}:{}", bound.getHostString(), bound.getPort());
    }
    List<String> uris = options.relayUrls().isEmpty() ? DEFAULT_RELAYS : options.relayUrls();
    if (!options.relays() || uris.isEmpty()) {
      return;
    }
    List<RelayUri> relays = uris.stream().map(RelayUri::parse).toList();
    connector = new RelayConnector(connections, certificate, relays,
        () -> folderIds.get().stream().map(Hex::decode).toList(),
        () -> new HashSet<>(index.knownDevices()));
    connector.start();
    LOG.info("using relays {}", relays);
  }

  void folderSetChanged() {
    if (connector != null) {
      connector.folderSetChanged();
    }
  }

  @Override
  public void close() {
    if (connector != null) {
      connector.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
