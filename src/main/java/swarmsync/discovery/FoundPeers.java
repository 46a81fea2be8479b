package swarmsync.discovery;

import java.net.InetSocketAddress;

/** Where a {@link PeerSource} reports an address it learned for a discovery id. */
@FunctionalInterface
public interface FoundPeers {
  /**
   * @param discoveryId lower-case hex of the 20-byte id the address was found under
   * @param address     where the peer listens
   * @param source      the source's {@link PeerSource#name()}
   */
  void found(String discoveryId, InetSocketAddress address, String source);
}
