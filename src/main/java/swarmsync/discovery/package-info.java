/**
 * Ways of finding peers (PeerSource) and the PeerFinder that combines them. Imports keys, record, tracker, dht, util.
 */
package swarmsync.discovery;
