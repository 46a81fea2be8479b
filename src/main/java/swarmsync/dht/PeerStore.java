package swarmsync.dht;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peers announced to this node with announce_peer, per info_hash, each kept for a time to live.
 * Bounded: at most {@code maxHashes} info_hashes (a new one evicts the least recently announced)
 * and {@code maxPeersPerHash} peers each (a new one evicts the oldest). Thread-safe.
 */
final class PeerStore {
  private final Clock clock;
  private final Duration ttl;
  private final int maxHashes;
  private final int maxPeersPerHash;
  /** info_hash to (peer to expiry), both in least-recently-announced-first order. */
  private final LinkedHashMap<NodeId, LinkedHashMap<InetSocketAddress, Instant>> peers =
      new LinkedHashMap<>(16, 0.75f, true);

  PeerStore(Clock clock, Duration ttl, int maxHashes, int maxPeersPerHash) {
    this.clock = clock;
    this.ttl = ttl;
    this.maxHashes = maxHashes;
    this.maxPeersPerHash = maxPeersPerHash;
  }

  synchronized void add(NodeId infoHash, InetSocketAddress peer) {
    LinkedHashMap<InetSocketAddress, Instant> forHash = peers.get(infoHash);
    if (forHash == null) {
      if (peers.size() == maxHashes) {
        NodeId eldest = peers.keySet().iterator().next();
        peers.remove(eldest);
      }
      forHash = new LinkedHashMap<>();
      peers.put(infoHash, forHash);
    }
    forHash.remove(peer);
    if (forHash.size() == maxPeersPerHash) {
      forHash.remove(forHash.keySet().iterator().next());
    }
    forHash.put(peer, clock.instant().plus(ttl));
  }

  /** Up to {@code max} unexpired peers for an info_hash, in random order. */
  synchronized List<InetSocketAddress> peers(NodeId infoHash, int max) {
    Map<InetSocketAddress, Instant> forHash = peers.get(infoHash);
    if (forHash == null) {
      return List.of();
    }
    Instant now = clock.instant();
    forHash.values().removeIf(expiry -> !expiry.isAfter(now));
    List<InetSocketAddress> out = new ArrayList<>(forHash.keySet());
    Collections.shuffle(out);
    return List.copyOf(out.subList(0, Math.min(max, out.size())));
  }

  /** Drops expired peers and info_hashes left without peers. */
  synchronized void expire() {
    Instant now = clock.instant();
    peers.values().forEach(m -> m.values().removeIf(expiry -> !expiry.isAfter(now)));
    peers.values().removeIf(Map::isEmpty);
  }

  synchronized int infoHashCount() {
    return peers.size();
  }
}
