/**
 * BitTorrent tracker protocols: HTTP (BEP 3, compact BEP 23) and UDP (BEP 15) clients behind
 * {@link swarmsync.tracker.TrackerClient}, and our own {@link swarmsync.tracker.TrackerServer}.
 * Imports bencode and util only.
 */
package swarmsync.tracker;
