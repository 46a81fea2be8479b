package swarmsync.discovery;

import java.io.IOException;
import java.util.Set;

/**
 * One way of finding peers (LAN, tracker, DHT, peer exchange, cache): announces this node
 * under the discovery ids it is given and reports addresses it learns for them. Only the
 * 20-byte discovery ids ever leave the node, never a key.
 */
public interface PeerSource extends AutoCloseable {
  /** How peers found by this source are shown: lan, tracker, dht, pex, manual or cache. */
  String name();

  /** Starts announcing and looking up; found addresses go to {@code found}. */
  void start(LocalNode self, FoundPeers found) throws IOException;

  /**
   * Replaces the set of discovery ids (lower-case hex of 20 bytes) to announce and look up.
   * Called at start and whenever folders or pending invites change.
   */
  void announce(Set<String> discoveryIds);

  /** Stops; announces departure where the protocol has a way to. */
  @Override
  void close();
}
