package swarmsync.dht;

import java.net.InetSocketAddress;

/**
 * A DHT node as exchanged in "nodes": its id and UDP address.
 *
 * @param id      the node's 160-bit id
 * @param address where it receives KRPC datagrams
 */
public record NodeInfo(NodeId id, InetSocketAddress address) {}
