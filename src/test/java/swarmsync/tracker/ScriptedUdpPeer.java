package swarmsync.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A UDP socket on 127.0.0.1 that answers each packet with what a script returns (null: no
 * answer) and records the action field of every packet it got; stands in for broken trackers.
 */
public final class ScriptedUdpPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Function<ByteBuffer, byte[]> script;
  private final List<Integer> actions = new CopyOnWriteArrayList<>();
  private final Thread thread;

  public ScriptedUdpPeer(Function<ByteBuffer, byte[]> script) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.script = script;
    this.thread = new Thread(this::serve, "scripted-udp-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** A peer that never answers. */
  public static ScriptedUdpPeer silent() throws IOException {
    return new ScriptedUdpPeer(packet -> null);
  }

  /** A peer that answers everything with bytes that are no BEP 15 reply. */
  public static ScriptedUdpPeer garbage() throws IOException {
    return new ScriptedUdpPeer(packet -> "garbage, not a tracker".getBytes());
  }

  public String url() {
    return "udp://127.0.0.1:" + socket.getLocalPort() + "/announce";
  }

  /** The action (bytes 8 to 11) of each request received, in order. */
  public List<Integer> actions() {
    return List.copyOf(actions);
  }

  private void serve() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.setSoTimeout(500);
        socket.receive(packet);
        ByteBuffer request = ByteBuffer.wrap(buffer, 0, packet.getLength()).slice();
        if (request.remaining() >= 12) {
          actions.add(request.getInt(8));
        }
        byte[] reply = script.apply(request);
        if (reply != null) {
          socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        }
      } catch (SocketTimeoutException e) {
        // poll the closed flag
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(2000);
  }
}
