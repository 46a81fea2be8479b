package swarmsync.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Two connected TCP sockets on loopback. */
final class SocketPair implements AutoCloseable {
  final Socket left;
  final Socket right;

  SocketPair() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      left = new Socket(server.getInetAddress(), server.getLocalPort());
      right = server.accept();
    }
  }

  @Override
  public void close() throws IOException {
    left.close();
    right.close();
  }
}
