package swarmsync.tracker;

import java.net.InetSocketAddress;

/**
 * A peer as our tracker keeps it.
 *
 * @param address the source IP of its announce with the port it announced
 * @param peerId  its 20-byte peer_id (only non-compact HTTP replies show it)
 * @param seeder  whether it announced {@code left=0}
 */
record SwarmPeer(InetSocketAddress address, byte[] peerId, boolean seeder) {}
