package swarmsync.nat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One request/answer exchange with the gateway's NAT-PMP/PCP port over UDP, retransmitted on
 * a doubling timer as RFC 6886 §3.1 and RFC 6887 §8.1.1 ask, but cut short: three tries
 * (250, 500, 1000 ms), so a silent gateway costs under 2 s. Only datagrams from the gateway's
 * port count; an ICMP port unreachable ends the exchange at once.
 */
final class GatewayUdp {
  /** The NAT-PMP and PCP server port (RFC 6886 §3, RFC 6887 §19.1). */
  static final int SERVER_PORT = 5351;
  /** Largest PCP message (RFC 6887 §7); NAT-PMP answers are 16 bytes. */
  static final int MAX_ANSWER_BYTES = 1100;
  /** Wait for an answer after each send, doubling as the RFCs ask, three tries in all. */
  static final List<Duration> WAITS = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofMillis(1000));

  private final InetAddress gateway;
  private final InetAddress local;

  /** Exchanges with {@code gateway}:5351 from {@code local} (our address towards it). */
  GatewayUdp(InetAddress gateway, InetAddress local) {
    this.gateway = gateway;
    this.local = local;
  }

  InetAddress gateway() {
    return gateway;
  }

  InetAddress local() {
    return local;
  }

  /** Sends {@code request} until an answer comes; returns it (at most 1100 bytes). */
  byte[] exchange(byte[] request, String what) throws IOException {
    InetSocketAddress server = new InetSocketAddress(gateway, SERVER_PORT);
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
      socket.connect(server);
      byte[] buffer = new byte[MAX_ANSWER_BYTES];
      for (Duration wait : WAITS) {
        socket.send(new DatagramPacket(request, request.length));
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
          long left = (deadline - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            break;
          }
          socket.setSoTimeout((int) left);
          DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
          try {
            socket.receive(answer);
          } catch (SocketTimeoutException e) {
            break;
          }
          return Arrays.copyOf(buffer, answer.getLength());
        }
      }
    } catch (PortUnreachableException e) {
      throw new IOException(what + ": " + gateway.getHostAddress() + ":" + SERVER_PORT
          + " is closed (port unreachable)", e);
    }
    throw new IOException(what + ": no answer from " + gateway.getHostAddress() + ":"
        + SERVER_PORT + " in " + WAITS.size() + " tries");
  }
}
