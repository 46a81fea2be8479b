package swarmsync.api;

/** A peer of a folder: who, where, how connected, how found. */
public record PeerView(String deviceId, String address, String connection, String foundBy) {}
