/**
 * The Mainline DHT (BEP 5, IPv4): KRPC codec with its own bounded bencode reader (until the
 * shared {@code bencode} package replaces it), routing table, tokens, peer store, rate limit,
 * iterative lookups and {@link swarmsync.dht.DhtNode}, which ties them to one UDP socket.
 * Imports bencode and util only; knows nothing of folders, keys or discovery.
 */
package swarmsync.dht;
