/**
 * Ways of finding peers ({@code PeerSource}: LAN, trackers, DHT) and the {@code PeerFinder} that
 * runs them and hands what they find to the node. Imports keys, record, tracker, dht and util;
 * never net or sync (the node gives the finder a way to dial).
 */
package swarmsync.discovery;
