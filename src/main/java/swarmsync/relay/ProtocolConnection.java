package swarmsync.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLSocket;
import swarmsync.util.Hex;

/**
 * One TLS (protocol mode) connection at our relay server: the client's device id, and once it
 * joined, the folder tokens it registered. Writes are serialized: the reader thread answers,
 * other threads push invitations and pings.
 */
final class ProtocolConnection {
  private final SSLSocket socket;
  private final byte[] deviceId;
  private final OutputStream out;
  /** Guarded by this: registered tokens, hex. */
  private final Set<String> tokens = new HashSet<>();
  private volatile boolean joined;

  ProtocolConnection(SSLSocket socket, byte[] deviceId) throws IOException {
    this.socket = socket;
    this.deviceId = deviceId;
    this.out = socket.getOutputStream();
  }

  SSLSocket socket() {
    return socket;
  }

  byte[] deviceId() {
    return deviceId.clone();
  }

  String deviceKey() {
    return Hex.encode(deviceId);
  }

  boolean joined() {
    return joined;
  }

  void markJoined() {
    joined = true;
  }

  synchronized void register(List<byte[]> registered) {
    tokens.clear();
    registered.forEach(t -> tokens.add(Hex.encode(t)));
  }

  synchronized boolean serves(byte[] token) {
    return tokens.contains(Hex.encode(token));
  }

  synchronized void send(RelayMessage message) throws IOException {
    out.write(RelayCodec.encode(message));
    out.flush();
  }

  void close() {
    RelayServer.closeQuietly(socket);
  }

  @Override
  public String toString() {
    return deviceKey().substring(0, 12) + "@" + socket.getRemoteSocketAddress();
  }
}
