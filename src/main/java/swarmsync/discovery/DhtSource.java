package swarmsync.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.dht.AnnounceResult;
import swarmsync.dht.DhtNode;
import swarmsync.dht.DhtSettings;
import swarmsync.dht.DhtStateFile;
import swarmsync.util.Hex;

/**
 * Finds peers in the Mainline DHT: owns a {@link DhtNode}, announces this node's port under each
 * discovery id (used as info_hash) and looks the id up again every {@code searchInterval} until
 * something is found, then every {@code foundInterval}. Bootstrap nodes that stay silent or
 * answer garbage only cost a query timeout; the routing table is saved to the state file, if
 * one is given, after bootstrapping and on close.
 */
public final class DhtSource implements PeerSource {
  private static final Logger LOG = LoggerFactory.getLogger(DhtSource.class);

  private final DhtSettings settings;
  private final List<InetSocketAddress> bootstrap;
  private final InetSocketAddress bindAddress;
  private final Path stateFile;
  private final Map<String, ScheduledFuture<?>> rounds = new HashMap<>();
  private ScheduledExecutorService scheduler;
  private DhtNode node;
  private LocalNode self;
  private FoundPeers found;
  private boolean closed;

  /**
   * @param settings    timeouts, intervals and limits
   * @param bootstrap   nodes to join the DHT through (none by default in tests)
   * @param bindAddress the UDP address to listen on, e.g. 0.0.0.0:6881 or 127.0.0.1:0
   * @param stateFile   where the node id and good nodes are kept between runs, or null
   */
  public DhtSource(DhtSettings settings, List<InetSocketAddress> bootstrap,
      InetSocketAddress bindAddress, Path stateFile) {
    this.settings = settings;
    this.bootstrap = List.copyOf(bootstrap);
    this.bindAddress = bindAddress;
    this.stateFile = stateFile;
  }

  @Override
  public String name() {
    return "dht";
  }

  @Override
  public synchronized void start(LocalNode self, FoundPeers found) throws IOException {
    if (node != null || closed) {
      throw new IllegalStateException("DhtSource on " + bindAddress + " already started");
    }
    this.self = self;
    this.found = found;
    this.node = DhtNode.start(settings, bindAddress, loadState());
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "dht-source-" + node.localAddress().getPort());
      t.setDaemon(true);
      return t;
    });
    node.bootstrap(bootstrap).whenComplete((size, e) -> {
      LOG.info("DHT node {} on {} bootstrapped: {} nodes", node.id(), node.localAddress(), size);
      saveState();
    });
    rounds.keySet().forEach(id -> schedule(id, Duration.ZERO));
  }

  /** The UDP address the DHT node listens on, once started. */
  public synchronized InetSocketAddress localAddress() {
    return node.localAddress();
  }

  @Override
  public synchronized void announce(Set<String> discoveryIds) {
    for (String id : discoveryIds) {
      if (Hex.decode(id).length != 20) {
        throw new IllegalArgumentException("discovery id " + id + " is not 20 bytes of hex");
      }
    }
    rounds.entrySet().removeIf(e -> {
      boolean gone = !discoveryIds.contains(e.getKey());
      if (gone && e.getValue() != null) {
        e.getValue().cancel(false);
      }
      return gone;
    });
    for (String id : discoveryIds) {
      if (!rounds.containsKey(id)) {
        rounds.put(id, null);
        if (node != null) {
          schedule(id, Duration.ZERO);
        }
      }
    }
  }

  private void schedule(String id, Duration delay) {
    rounds.put(id, scheduler.schedule(() -> round(id), delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** One announce (which includes a get_peers lookup) for an id, then the next one scheduled. */
  private void round(String id) {
    DhtNode n;
    synchronized (this) {
      if (closed || !rounds.containsKey(id)) {
        return;
      }
      n = node;
    }
    CompletableFuture<Integer> joined = n.routingTableSize() == 0 && !bootstrap.isEmpty()
        ? n.bootstrap(bootstrap) : CompletableFuture.completedFuture(n.routingTableSize());
    byte[] hash = Hex.decode(id);
    joined.thenCompose(size -> n.announce(hash, self.port())).whenComplete((result, e) -> {
      boolean any = e == null && report(id, result);
      if (e != null) {
        LOG.warn("DHT announce of {} failed: {}", id, e.toString());
      }
      synchronized (this) {
        if (!closed && rounds.containsKey(id)) {
          schedule(id, any ? settings.foundInterval() : settings.searchInterval());
        }
      }
    });
  }

  private boolean report(String id, AnnounceResult result) {
    InetSocketAddress me = new InetSocketAddress(node.localAddress().getAddress(), self.port());
    List<InetSocketAddress> others = result.peers().stream().filter(p -> !p.equals(me)).toList();
    LOG.debug("DHT round for {}: stored at {} nodes, {} peers", id, result.storedAt(),
        others.size());
    others.forEach(p -> found.found(id, p, name()));
    return !others.isEmpty();
  }

  private byte[] loadState() {
    if (stateFile == null) {
      return null;
    }
    try {
      return DhtStateFile.load(stateFile).orElse(null);
    } catch (IOException e) {
      LOG.warn("starting the DHT with a new id and empty table: {}", e.getMessage());
      return null;
    }
  }

  private void saveState() {
    if (stateFile == null) {
      return;
    }
    try {
      DhtStateFile.save(stateFile, node.routingTableSnapshot());
    } catch (IOException e) {
      LOG.warn("saving DHT state to {} failed: {}", stateFile, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (node != null) {
      rounds.values().stream().filter(f -> f != null).forEach(f -> f.cancel(false));
      scheduler.shutdownNow();
      saveState();
      node.close();
    }
  }
}
