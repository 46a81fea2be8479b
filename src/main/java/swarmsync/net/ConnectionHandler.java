package swarmsync.net;

/** What a connection manager hands each authenticated connection it keeps to. */
public interface ConnectionHandler {
  /**
   * Takes a new connection, once per connection, on a thread of the manager: it may block
   * briefly, and must hand the connection to threads of its own.
   */
  void connected(PeerConnection connection);
}
