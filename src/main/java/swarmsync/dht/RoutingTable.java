package swarmsync.dht;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The BEP 5 routing table: 160 buckets indexed by how many leading bits a node id shares with
 * ours, at most {@code k} nodes each plus a bounded cache of replacements.
 *
 * <p>A full bucket takes a new node only in place of a bad one; when it holds questionable nodes
 * instead, the newcomer waits in the replacement cache and {@link #offer} names the stalest
 * questionable node for the caller to ping: once its pings fail often enough ({@link #failed}),
 * the node turns bad and the newest replacement takes its place. Private and loopback addresses
 * are accepted. Thread-safe.
 */
final class RoutingTable {
  /** Inactivity after which a good node becomes questionable (BEP 5). */
  static final Duration GOOD_FOR = Duration.ofMinutes(15);
  /** Failed queries in a row after which a node is bad. */
  static final int FAILURES_FOR_BAD = 2;

  private final NodeId self;
  private final int k;
  private final Clock clock;
  private final List<List<Entry>> buckets = new ArrayList<>(NodeId.BITS);
  private final List<Deque<NodeInfo>> replacements = new ArrayList<>(NodeId.BITS);

  RoutingTable(NodeId self, int k, Clock clock) {
    this.self = self;
    this.k = k;
    this.clock = clock;
    for (int i = 0; i < NodeId.BITS; i++) {
      buckets.add(new ArrayList<>());
      replacements.add(new ArrayDeque<>());
    }
  }

  NodeId self() {
    return self;
  }

  /**
   * Tells the table about a node that answered one of our queries ({@code answered}) or sent us
   * one. Returns a questionable node of the full bucket to ping, if the newcomer had to wait.
   */
  synchronized Optional<NodeInfo> offer(NodeInfo node, boolean answered) {
    int index = self.commonPrefixBits(node.id());
    if (index == NodeId.BITS) {
      return Optional.empty();
    }
    List<Entry> bucket = buckets.get(index);
    Instant now = clock.instant();
    for (Entry e : bucket) {
      if (e.info.id().equals(node.id())) {
        e.seen(node, answered, now);
        return Optional.empty();
      }
    }
    Entry fresh = new Entry(node);
    fresh.seen(node, answered, now);
    if (bucket.size() < k) {
      bucket.add(fresh);
      return Optional.empty();
    }
    for (int i = 0; i < bucket.size(); i++) {
      if (state(bucket.get(i), now) == NodeState.BAD) {
        bucket.set(i, fresh);
        return Optional.empty();
      }
    }
    Optional<Entry> stalest = bucket.stream()
        .filter(e -> state(e, now) == NodeState.QUESTIONABLE)
        .min(Comparator.comparing(e -> e.lastActive));
    if (stalest.isEmpty()) {
      return Optional.empty();
    }
    Deque<NodeInfo> waiting = replacements.get(index);
    waiting.removeIf(n -> n.id().equals(node.id()));
    if (waiting.size() == k) {
      waiting.removeFirst();
    }
    waiting.addLast(node);
    return Optional.of(stalest.get().info);
  }

  /**
   * Records that the node at this address did not answer a query; a node gone bad makes room
   * for the newest waiting replacement.
   */
  synchronized void failed(InetSocketAddress address) {
    Instant now = clock.instant();
    for (int index = 0; index < NodeId.BITS; index++) {
      List<Entry> bucket = buckets.get(index);
      for (int i = 0; i < bucket.size(); i++) {
        Entry e = bucket.get(i);
        if (e.info.address().equals(address)) {
          e.failures++;
          Deque<NodeInfo> waiting = replacements.get(index);
          if (state(e, now) == NodeState.BAD && !waiting.isEmpty()) {
            NodeInfo replacement = waiting.pollLast();
            Entry fresh = new Entry(replacement);
            fresh.seen(replacement, false, now);
            bucket.set(i, fresh);
          }
          return;
        }
      }
    }
  }

  /** The state of a node in the table, or empty when it is not in it. */
  synchronized Optional<NodeState> state(NodeId id) {
    int index = self.commonPrefixBits(id);
    if (index == NodeId.BITS) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return buckets.get(index).stream().filter(e -> e.info.id().equals(id)).findFirst()
        .map(e -> state(e, now));
  }

  /** Up to {@code count} nodes that are not bad, nearest to {@code target} first. */
  synchronized List<NodeInfo> closest(NodeId target, int count) {
    Instant now = clock.instant();
    return entries().filter(e -> state(e, now) != NodeState.BAD).map(e -> e.info)
        .sorted(Comparator.comparing(NodeInfo::id, target.byDistance()))
        .limit(count).toList();
  }

  /** Nodes in the given state, e.g. questionable ones to ping or good ones to persist. */
  synchronized List<NodeInfo> inState(NodeState wanted) {
    Instant now = clock.instant();
    return entries().filter(e -> state(e, now) == wanted).map(e -> e.info).toList();
  }

  synchronized int size() {
    return buckets.stream().mapToInt(List::size).sum();
  }

  /** The bucket a node id belongs in: the number of leading bits it shares with ours. */
  int bucketIndex(NodeId id) {
    return self.commonPrefixBits(id);
  }

  private Stream<Entry> entries() {
    return buckets.stream().flatMap(List::stream);
  }

  private static NodeState state(Entry e, Instant now) {
    if (e.failures >= FAILURES_FOR_BAD) {
      return NodeState.BAD;
    }
    boolean recent = e.lastActive.plus(GOOD_FOR).isAfter(now);
    return e.everAnswered && recent ? NodeState.GOOD : NodeState.QUESTIONABLE;
  }

  /** One node in a bucket, with what the 15-minute rule needs. */
  private static final class Entry {
    private NodeInfo info;
    private boolean everAnswered;
    private Instant lastActive = Instant.EPOCH;
    private int failures;

    Entry(NodeInfo info) {
      this.info = info;
    }

    void seen(NodeInfo node, boolean answered, Instant now) {
      if (answered) {
        info = new NodeInfo(node.id(), node.address());
        everAnswered = true;
        failures = 0;
        lastActive = now;
      } else if (everAnswered) {
        lastActive = now;
      }
    }
  }
}
