package swarmsync.dht;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One iterative Kademlia lookup (BEP 5): find_node or get_peers sent to the nodes nearest the
 * target, {@code alpha} at a time, each answer adding closer nodes, until the K nearest nodes
 * that still answer have all answered. Collects the peers ("values") and tokens on the way.
 * Bounded in queries ({@code maxLookupQueries}), time ({@code lookupTimeout}), candidates
 * ({@value #MAX_CANDIDATES}) and peers ({@value #MAX_PEERS}).
 */
final class Lookup {
  /** Nodes a lookup remembers; the farthest unqueried one gives way to a nearer newcomer. */
  static final int MAX_CANDIDATES = 256;
  /** Peers a lookup collects; more than a folder's swarm will ever need. */
  static final int MAX_PEERS = 512;

  /** A node that answered a get_peers, with the token it gave for announce_peer. */
  record Answered(NodeInfo node, byte[] token) {}

  /** What a lookup found: peers (get_peers only) and the nearest nodes that answered. */
  record Result(List<InetSocketAddress> peers, List<Answered> closest) {}

  private enum State { NEW, ASKED, ANSWERED, FAILED }

  private static final class Candidate {
    final InetSocketAddress address;
    NodeId id;
    State state = State.NEW;
    byte[] token;

    Candidate(InetSocketAddress address, NodeId id) {
      this.address = address;
      this.id = id;
    }
  }

  private final NodeId self;
  private final NodeId target;
  private final boolean getPeers;
  private final DhtSettings settings;
  private final BiFunction<InetSocketAddress, KrpcQuery, CompletableFuture<KrpcResponse>> querier;
  private final Map<InetSocketAddress, Candidate> candidates = new LinkedHashMap<>();
  private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final Comparator<Candidate> nearestFirst;
  private int asked;
  private int inFlight;

  /**
   * @param getPeers true for get_peers, false for find_node
   * @param querier  sends one query and completes with its answer or failure
   */
  Lookup(NodeId self, NodeId target, boolean getPeers, DhtSettings settings,
      BiFunction<InetSocketAddress, KrpcQuery, CompletableFuture<KrpcResponse>> querier) {
    this.self = self;
    this.target = target;
    this.getPeers = getPeers;
    this.settings = settings;
    this.querier = querier;
    Comparator<NodeId> byDistance = target.byDistance();
    // Nodes of unknown id (bootstrap addresses) first, then by distance to the target.
    this.nearestFirst = (a, b) -> a.id == null || b.id == null
        ? Boolean.compare(a.id != null, b.id != null) : byDistance.compare(a.id, b.id);
  }

  /** Starts from known nodes and bare addresses; completes within the lookup timeout. */
  CompletableFuture<Result> run(List<NodeInfo> seeds, List<InetSocketAddress> addresses,
      ScheduledExecutorService scheduler) {
    synchronized (this) {
      addresses.forEach(a -> consider(a, null));
      seeds.forEach(n -> consider(n.address(), n.id()));
    }
    Duration timeout = settings.lookupTimeout();
    ScheduledFuture<?> timer =
        scheduler.schedule(this::finish, timeout.toMillis(), TimeUnit.MILLISECONDS);
    result.whenComplete((r, e) -> timer.cancel(false));
    step();
    return result;
  }

  private synchronized void step() {
    if (result.isDone()) {
      return;
    }
    List<Candidate> nearest = candidates.values().stream()
        .filter(c -> c.state != State.FAILED).sorted(nearestFirst).limit(settings.k()).toList();
    for (Candidate c : nearest) {
      if (inFlight >= settings.alpha() || asked >= settings.maxLookupQueries()) {
        break;
      }
      if (c.state == State.NEW) {
        ask(c);
      }
    }
    if (inFlight == 0) {
      finish();
    }
  }

  private void ask(Candidate c) {
    c.state = State.ASKED;
    asked++;
    inFlight++;
    KrpcQuery q = getPeers ? KrpcQuery.getPeers(self, target) : KrpcQuery.findNode(self, target);
    querier.apply(c.address, q).whenComplete((r, e) -> answered(c, r));
  }

  private void answered(Candidate c, KrpcResponse r) {
    synchronized (this) {
      inFlight--;
      if (r == null || r.sender().equals(self)) {
        c.state = State.FAILED;
      } else {
        c.state = State.ANSWERED;
        c.id = r.sender();
        c.token = r.token();
        r.nodes().forEach(n -> consider(n.address(), n.id()));
        for (InetSocketAddress p : r.values()) {
          if (peers.size() < MAX_PEERS) {
            peers.add(p);
          }
        }
      }
    }
    step();
  }

  private void consider(InetSocketAddress address, NodeId id) {
    if (self.equals(id) || candidates.containsKey(address)) {
      return;
    }
    Candidate fresh = new Candidate(address, id);
    if (candidates.size() >= MAX_CANDIDATES) {
      Candidate farthest = candidates.values().stream().filter(c -> c.state == State.NEW)
          .max(nearestFirst).orElse(null);
      if (farthest == null || nearestFirst.compare(fresh, farthest) >= 0) {
        return;
      }
      candidates.remove(farthest.address);
    }
    candidates.put(address, fresh);
  }

  private synchronized void finish() {
    if (result.isDone()) {
      return;
    }
    List<Answered> closest = new ArrayList<>();
    candidates.values().stream().filter(c -> c.state == State.ANSWERED).sorted(nearestFirst)
        .limit(settings.k())
        .forEach(c -> closest.add(new Answered(new NodeInfo(c.id, c.address), c.token)));
    result.complete(new Result(List.copyOf(peers), List.copyOf(closest)));
  }
}
