package swarmsync.dht;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What {@link DhtNode#announce} did.
 *
 * @param peers    peers already announced under the info_hash, found on the way
 * @param storedAt how many nodes accepted our announce_peer
 */
public record AnnounceResult(List<InetSocketAddress> peers, int storedAt) {
  public AnnounceResult {
    peers = List.copyOf(peers);
  }
}
