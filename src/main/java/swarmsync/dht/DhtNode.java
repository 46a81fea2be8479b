package swarmsync.dht;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mainline DHT node (BEP 5, IPv4) on one UDP socket: answers queries, keeps its routing table
 * fresh, and runs lookups to find and announce peers under an info_hash. Private and loopback
 * addresses are first-class, so a DHT of nodes on one host or a closed network works.
 */
public final class DhtNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DhtNode.class);

  private final DhtSettings settings;
  private final RoutingTable table;
  private final PeerStore peers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final KrpcSocket socket;
  private volatile List<InetSocketAddress> bootstrapAddresses = List.of();

  private DhtNode(DhtSettings settings, InetSocketAddress bind, RoutingSnapshot snapshot,
      Clock clock) throws IOException {
    this.settings = settings;
    this.table = new RoutingTable(snapshot.id(), settings.k(), clock);
    this.peers = new PeerStore(clock, settings.peerTtl(), settings.maxInfoHashes(),
        settings.maxPeersPerHash());
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "dht-timer");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    QueryResponder responder = new QueryResponder(table,
        new TokenSecrets(clock, settings.tokenRotation()), peers,
        new QueryRateLimiter(clock, settings.queriesPerSecond(), settings.queryBurst()),
        settings, node -> heardFrom(node, false));
    try {
      this.socket = new KrpcSocket(bind, settings.queryTimeout(), settings.maxInFlight(),
          scheduler, responder);
    } catch (IOException e) {
      scheduler.shutdownNow();
      throw new IOException("binding DHT socket to " + bind + ": " + e.getMessage(), e);
    }
    snapshot.nodes().forEach(n -> table.offer(n, false));
    long every = settings.maintenanceInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a node on {@code bind}.
   *
   * @param snapshot what {@link #routingTableSnapshot()} returned last run, or null for a new
   *                 node with a random id and an empty table
   */
  public static DhtNode start(DhtSettings settings, InetSocketAddress bind, byte[] snapshot)
      throws IOException {
    return start(settings, bind, snapshot, Clock.systemUTC());
  }

  /** As {@link #start(DhtSettings, InetSocketAddress, byte[])} with the clock tokens use. */
  static DhtNode start(DhtSettings settings, InetSocketAddress bind, byte[] snapshot,
      Clock clock) throws IOException {
    RoutingSnapshot start = snapshot == null
        ? new RoutingSnapshot(NodeId.random(), List.of()) : RoutingSnapshot.fromBytes(snapshot);
    return new DhtNode(settings, bind, start, clock);
  }

  public NodeId id() {
    return table.self();
  }

  /** The bound UDP address. */
  public InetSocketAddress localAddress() {
    return socket.localAddress();
  }

  /** Nodes in the routing table. */
  public int routingTableSize() {
    return table.size();
  }

  /** This node's id and good nodes, for {@link #start} next time. */
  public byte[] routingTableSnapshot() {
    return new RoutingSnapshot(table.self(), table.inState(NodeState.GOOD)).toBytes();
  }

  /**
   * Looks up our own id from these addresses (remembered, and used again while the table is
   * small); completes with the routing table's size once the lookup ends.
   */
  public CompletableFuture<Integer> bootstrap(List<InetSocketAddress> addresses) {
    bootstrapAddresses = List.copyOf(addresses);
    return lookup(table.self(), false).thenApply(r -> table.size());
  }

  /** Peers announced under {@code infoHash}, from an iterative get_peers lookup. */
  public CompletableFuture<List<InetSocketAddress>> getPeers(byte[] infoHash) {
    return lookup(NodeId.of(infoHash), true).thenApply(Lookup.Result::peers);
  }

  /**
   * Announces {@code port} (with our source IP) under {@code infoHash} to the nearest nodes that
   * gave a token in a get_peers lookup; the result also carries the peers that lookup found.
   */
  public CompletableFuture<AnnounceResult> announce(byte[] infoHash, int port) {
    NodeId hash = NodeId.of(infoHash);
    return lookup(hash, true).thenCompose(result -> {
      List<CompletableFuture<Boolean>> acks = new ArrayList<>();
      for (Lookup.Answered a : result.closest()) {
        if (a.token() != null) {
          KrpcQuery q = KrpcQuery.announcePeer(table.self(), hash, port, false, a.token());
          acks.add(query(a.node().address(), q).handle((r, e) -> r != null));
        }
      }
      return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).thenApply(v ->
          new AnnounceResult(result.peers(),
              (int) acks.stream().filter(CompletableFuture::join).count()));
    });
  }

  /** Pings an address; completes true when it answers, false when it does not in time. */
  public CompletableFuture<Boolean> ping(InetSocketAddress address) {
    return query(address, KrpcQuery.ping(table.self())).handle((r, e) -> r != null);
  }

  private CompletableFuture<Lookup.Result> lookup(NodeId target, boolean getPeers) {
    List<NodeInfo> seeds = table.closest(target, settings.k());
    List<InetSocketAddress> extra = seeds.size() < settings.k() ? bootstrapAddresses : List.of();
    return new Lookup(table.self(), target, getPeers, settings, this::query)
        .run(seeds, extra, scheduler);
  }

  /** Sends a query and keeps the routing table up to date with how the node answered. */
  private CompletableFuture<KrpcResponse> query(InetSocketAddress to, KrpcQuery q) {
    return socket.query(to, q).whenComplete((r, e) -> {
      if (r != null) {
        heardFrom(new NodeInfo(r.sender(), to), true);
      } else {
        table.failed(to);
      }
    });
  }

  private void heardFrom(NodeInfo node, boolean answered) {
    if (!CompactAddresses.isIpv4(node.address())) {
      return;
    }
    table.offer(node, answered).ifPresent(stale -> ping(stale.address()));
  }

  private void maintain() {
    try {
      peers.expire();
      table.inState(NodeState.QUESTIONABLE).stream().limit(settings.k())
          .forEach(n -> ping(n.address()));
      if (table.size() < settings.k() && !bootstrapAddresses.isEmpty()) {
        lookup(table.self(), false);
      }
    } catch (RuntimeException e) {
      LOG.warn("DHT maintenance on {} failed", localAddress(), e);
    }
  }

  @Override
  public void close() {
    socket.close();
    scheduler.shutdownNow();
  }
}
