/**
 * The Mainline DHT (BEP 5): KRPC codec, routing table, lookups. Imports bencode and util.
 */
package swarmsync.dht;
