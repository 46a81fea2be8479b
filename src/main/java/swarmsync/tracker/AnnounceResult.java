package swarmsync.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a tracker answered to an announce.
 *
 * @param interval how long to wait before the next announce; already raised to the tracker's
 *                 {@code min interval} where it gave one that is larger
 * @param peers    the peers it returned, in its order, possibly including the announcer itself
 */
public record AnnounceResult(Duration interval, List<InetSocketAddress> peers) {
  public AnnounceResult {
    peers = List.copyOf(peers);
  }
}
