package swarmsync.nat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the gateway's UPnP Internet Gateway Device by SSDP (UPnP Device Architecture 1.1
 * §1.3): an {@code M-SEARCH} for IGD:1 and IGD:2 to 239.255.255.250:1900 (and the same to the
 * gateway directly), then the {@code LOCATION} of its device description from the first
 * {@code 200 OK} whose sender is the host that LOCATION names: a host on the LAN cannot point
 * us at another.
 */
final class SsdpSearch {
  static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 1900);
  static final String[] TARGETS = {"urn:schemas-upnp-org:device:InternetGatewayDevice:1",
      "urn:schemas-upnp-org:device:InternetGatewayDevice:2"};
  /** Longest answer we read; SSDP answers are a few hundred bytes. */
  static final int MAX_ANSWER_BYTES = 2048;
  /** How long we wait for answers: MX is 1 s, plus the network. */
  static final Duration WAIT = Duration.ofMillis(1500);

  private SsdpSearch() {}

  static byte[] request(String searchTarget) {
    return ("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
        + "MX: 1\r\nST: " + searchTarget + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The description URL in an SSDP answer, if it is a {@code 200 OK} with an http LOCATION on
   * the host {@code from}; empty otherwise.
   */
  static Optional<URI> location(byte[] answer, int length, InetAddress from) {
    String text = new String(answer, 0, length, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r?\n");
    if (lines.length == 0 || !lines[0].matches("(?i)HTTP/1\\.[01] 200( .*)?")) {
      return Optional.empty();
    }
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT)
          .equals("location")) {
        return httpOn(line.substring(colon + 1).trim(), from);
      }
    }
    return Optional.empty();
  }

  private static Optional<URI> httpOn(String text, InetAddress from) {
    try {
      URI uri = new URI(text);
      boolean http = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
      return http && InetAddress.getByName(uri.getHost()).equals(from) ? Optional.of(uri)
          : Optional.empty();
    } catch (URISyntaxException | IOException e) {
      return Optional.empty();
    }
  }

  /** Searches from {@code local}; the first good answer, or empty after {@link #WAIT}. */
  static Optional<URI> search(InetAddress local, InetAddress gateway) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
      for (String target : TARGETS) {
        byte[] request = request(target);
        socket.send(new DatagramPacket(request, request.length, MULTICAST));
        socket.send(new DatagramPacket(request, request.length, gateway, MULTICAST.getPort()));
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      byte[] buffer = new byte[MAX_ANSWER_BYTES];
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return Optional.empty();
        }
        socket.setSoTimeout((int) left);
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(answer);
        } catch (SocketTimeoutException e) {
          return Optional.empty();
        }
        Optional<URI> found = location(buffer, answer.getLength(), answer.getAddress());
        if (found.isPresent()) {
          return found;
        }
      }
    }
  }
}
