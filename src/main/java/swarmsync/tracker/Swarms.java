package swarmsync.tracker;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import swarmsync.util.Hex;

/**
 * The in-memory peer lists of our tracker, one swarm per info_hash: bounded in info_hashes and
 * peers, each peer forgotten two intervals after its last announce.
 */
final class Swarms {
  /** 10,000 info_hashes: a tracker for a group's folders, not a public one. */
  static final int MAX_INFO_HASHES = 10_000;
  /** 1,000 peers per info_hash: more devices than any shared folder has. */
  static final int MAX_PEERS_PER_HASH = 1_000;
  /** 100,000 peers in all: about 15 MB of entries at most. */
  static final int MAX_PEERS_TOTAL = 100_000;
  /** 50 peers when the announce does not say (BEP 3's customary default). */
  static final int DEFAULT_NUMWANT = 50;
  /** 200 peers at most per reply: as opentracker; a UDP reply stays within one packet. */
  static final int MAX_NUMWANT = 200;
  /** 60 s between sweeps of all swarms for expired peers; swarms announced to sweep always. */
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(60);

  /** What an announce gets back: other peers, and the swarm's counts. */
  record Reply(List<SwarmPeer> peers, int seeders, int leechers) {}

  private record Entry(SwarmPeer peer, Instant expiry) {}

  private static final class Swarm {
    final LinkedHashMap<InetSocketAddress, Entry> peers = new LinkedHashMap<>();
    int completed;
  }

  private final Duration expiry;
  private final Clock clock;
  private final Map<String, Swarm> swarms = new HashMap<>();
  private int totalPeers;
  private Instant nextSweep;

  /** Peers expire {@code 2 * interval} after their last announce. */
  Swarms(Duration interval, Clock clock) {
    this.expiry = interval.multipliedBy(2);
    this.clock = clock;
    this.nextSweep = clock.instant().plus(SWEEP_PERIOD);
  }

  /**
   * Records {@code peer}'s announce and returns up to {@code numWant} other peers (negative:
   * the default), in random order. A full tracker or swarm refuses a new peer.
   */
  synchronized Reply announce(byte[] infoHash, SwarmPeer peer, Event event, int numWant)
      throws TrackerException {
    Instant now = clock.instant();
    sweepIfDue(now);
    String key = Hex.encode(infoHash);
    Swarm swarm = swarms.get(key);
    if (swarm != null) {
      purge(swarm, now);
    }
    if (event == Event.STOPPED) {
      if (swarm != null && swarm.peers.remove(peer.address()) != null) {
        totalPeers--;
      }
      removeIfEmpty(key, swarm);
      return new Reply(List.of(), 0, 0);
    }
    swarm = swarmToJoin(key, swarm, now);
    if (!swarm.peers.containsKey(peer.address())) {
      if (swarm.peers.size() >= MAX_PEERS_PER_HASH) {
        throw new TrackerException("swarm " + key + " is full (" + MAX_PEERS_PER_HASH
            + " peers)");
      }
      if (totalPeers >= MAX_PEERS_TOTAL) {
        throw new TrackerException("tracker is full (" + MAX_PEERS_TOTAL + " peers)");
      }
      totalPeers++;
    }
    swarm.peers.put(peer.address(), new Entry(peer, now.plus(expiry)));
    if (event == Event.COMPLETED) {
      swarm.completed++;
    }
    List<SwarmPeer> others = new ArrayList<>(swarm.peers.size());
    int seeders = 0;
    for (Entry entry : swarm.peers.values()) {
      seeders += entry.peer().seeder() ? 1 : 0;
      if (!entry.peer().address().equals(peer.address())) {
        others.add(entry.peer());
      }
    }
    Collections.shuffle(others);
    int want = numWant < 0 ? DEFAULT_NUMWANT : Math.min(numWant, MAX_NUMWANT);
    List<SwarmPeer> chosen = List.copyOf(others.subList(0, Math.min(want, others.size())));
    return new Reply(chosen, seeders, swarm.peers.size() - seeders);
  }

  /** Seeders, completed and leechers of an info_hash (zeros if unknown), as BEP 15 orders. */
  synchronized int[] scrape(byte[] infoHash) {
    Swarm swarm = swarms.get(Hex.encode(infoHash));
    if (swarm == null) {
      return new int[] {0, 0, 0};
    }
    purge(swarm, clock.instant());
    int seeders = (int) swarm.peers.values().stream().filter(e -> e.peer().seeder()).count();
    return new int[] {seeders, swarm.completed, swarm.peers.size() - seeders};
  }

  synchronized int size() {
    return totalPeers;
  }

  private Swarm swarmToJoin(String key, Swarm existing, Instant now) throws TrackerException {
    if (existing != null) {
      return existing;
    }
    if (swarms.size() >= MAX_INFO_HASHES) {
      sweep(now);
    }
    if (swarms.size() >= MAX_INFO_HASHES) {
      throw new TrackerException("tracker is full (" + MAX_INFO_HASHES + " info_hashes)");
    }
    Swarm swarm = new Swarm();
    swarms.put(key, swarm);
    return swarm;
  }

  private void sweepIfDue(Instant now) {
    if (!now.isBefore(nextSweep)) {
      sweep(now);
    }
  }

  private void sweep(Instant now) {
    nextSweep = now.plus(SWEEP_PERIOD);
    Iterator<Swarm> all = swarms.values().iterator();
    while (all.hasNext()) {
      Swarm swarm = all.next();
      purge(swarm, now);
      if (swarm.peers.isEmpty()) {
        all.remove();
      }
    }
  }

  private void purge(Swarm swarm, Instant now) {
    Iterator<Entry> entries = swarm.peers.values().iterator();
    while (entries.hasNext()) {
      if (!now.isBefore(entries.next().expiry())) {
        entries.remove();
        totalPeers--;
      }
    }
  }

  private void removeIfEmpty(String key, Swarm swarm) {
    if (swarm != null && swarm.peers.isEmpty()) {
      swarms.remove(key);
    }
  }
}
