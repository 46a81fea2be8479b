package swarmsync.api;

/**
 * A connected peer of a folder: who, where, how connected, how found, and bytes this device
 * received from it and sent to it over the connection.
 */
public record PeerView(String deviceId, String address, String connection, String foundBy,
    long bytesIn, long bytesOut) {}
