/**
 * BitTorrent tracker codecs and clients (BEP 3, 15, 23) and our tracker server. Imports bencode and util.
 */
package swarmsync.tracker;
