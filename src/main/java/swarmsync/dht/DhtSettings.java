package swarmsync.dht;

import java.time.Duration;

/**
 * Timeouts, intervals and limits of a {@link DhtNode}; tests shorten them.
 *
 * @param k                   nodes per bucket and nodes a lookup converges on (BEP 5: 8)
 * @param alpha               queries a lookup keeps in flight at once
 * @param queryTimeout        how long one query waits for its answer
 * @param lookupTimeout       how long one lookup may take in all
 * @param maxLookupQueries    queries one lookup may send in all
 * @param maxInFlight         queries of this node waiting for answers at once
 * @param tokenRotation       how often the token secret changes (the previous one still counts)
 * @param peerTtl             how long an announced peer is kept without a new announce
 * @param maxInfoHashes       info_hashes the peer store keeps peers for
 * @param maxPeersPerHash     peers kept per info_hash
 * @param maxValuesPerAnswer  peers put in one get_peers answer (keeps it in one datagram)
 * @param queriesPerSecond    sustained incoming queries answered per source IP
 * @param queryBurst          incoming queries answered back to back per source IP
 * @param maintenanceInterval how often questionable nodes are pinged and stale peers dropped
 * @param searchInterval      how often a {@code DhtSource} looks up an id nothing was found for
 * @param foundInterval       how often it looks up (and re-announces) an id with peers
 */
public record DhtSettings(int k, int alpha, Duration queryTimeout, Duration lookupTimeout,
    int maxLookupQueries, int maxInFlight, Duration tokenRotation, Duration peerTtl,
    int maxInfoHashes, int maxPeersPerHash, int maxValuesPerAnswer, int queriesPerSecond,
    int queryBurst, Duration maintenanceInterval, Duration searchInterval,
    Duration foundInterval) {

  /** Production values: BEP 5's K and token rotation, peers kept 30 minutes. */
  public static final DhtSettings DEFAULTS = new DhtSettings(8, 3, Duration.ofSeconds(5),
      Duration.ofSeconds(30), 64, 256, Duration.ofMinutes(5), Duration.ofMinutes(30), 2048, 100,
      50, 20, 40, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(5));

  public DhtSettings {
    if (k < 1 || alpha < 1 || maxLookupQueries < 1 || maxInFlight < 1 || maxInfoHashes < 1
        || maxPeersPerHash < 1 || maxValuesPerAnswer < 1 || queriesPerSecond < 1
        || queryBurst < 1) {
      throw new IllegalArgumentException("DHT counts and limits must be positive: " + k);
    }
  }

  /** These settings with shorter query and lookup timeouts. */
  public DhtSettings withTimeouts(Duration query, Duration lookup) {
    return new DhtSettings(k, alpha, query, lookup, maxLookupQueries, maxInFlight, tokenRotation,
        peerTtl, maxInfoHashes, maxPeersPerHash, maxValuesPerAnswer, queriesPerSecond,
        queryBurst, maintenanceInterval, searchInterval, foundInterval);
  }

  /** These settings with other lookup intervals for a {@code DhtSource}. */
  public DhtSettings withIntervals(Duration search, Duration found) {
    return new DhtSettings(k, alpha, queryTimeout, lookupTimeout, maxLookupQueries, maxInFlight,
        tokenRotation, peerTtl, maxInfoHashes, maxPeersPerHash, maxValuesPerAnswer,
        queriesPerSecond, queryBurst, maintenanceInterval, search, found);
  }
}
