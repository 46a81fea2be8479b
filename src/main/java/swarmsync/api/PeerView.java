package swarmsync.api;

/**
 * A connected peer of a folder: who, where, how connected, how found, bytes this device
 * received from it and sent to it over the connection, and whether the peer's whole index for
 * the folder has arrived.
 */
public record PeerView(String deviceId, String address, String connection, String foundBy,
    long bytesIn, long bytesOut, boolean indexComplete) {

  /** A peer whose index is not known to be complete. */
  public PeerView(String deviceId, String address, String connection, String foundBy,
      long bytesIn, long bytesOut) {
    this(deviceId, address, connection, foundBy, bytesIn, bytesOut, false);
  }
}
