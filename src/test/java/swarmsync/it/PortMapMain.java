package swarmsync.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import swarmsync.nat.NatPmpPortMapper;
import swarmsync.nat.PcpPortMapper;
import swarmsync.nat.PortMapper;
import swarmsync.nat.PortMapping;
import swarmsync.nat.Transport;
import swarmsync.nat.UpnpPortMapper;

/**
 * One of our port mapping clients run alone, for {@link PortMappingIT} to start inside the
 * router's client namespace: {@code PROTOCOL GATEWAY LOCAL_IP PORT}. Listens on
 * {@code LOCAL_IP:PORT}, maps it (prints {@code MAPPED external:port}), accepts one connection
 * (prints {@code ACCEPTED from ip} and what it read), then on a line from stdin unmaps (prints
 * {@code UNMAPPED}) and exits.
 */
public final class PortMapMain {
  private PortMapMain() {}

  public static void main(String[] args) throws Exception {
    InetAddress gateway = InetAddress.getByName(args[1]);
    InetAddress local = InetAddress.getByName(args[2]);
    int port = Integer.parseInt(args[3]);
    Clock clock = Clock.systemUTC();
    PortMapper mapper = switch (args[0]) {
      case "pcp" -> new PcpPortMapper(gateway, local, clock);
      case "natpmp" -> new NatPmpPortMapper(gateway, local, clock);
      case "upnp" -> new UpnpPortMapper(gateway, local, clock);
      default -> throw new IllegalArgumentException("unknown protocol " + args[0]);
    };
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(local, port));
      PortMapping mapping = mapper.map(Transport.TCP, port, port, Duration.ofSeconds(600));
      System.out.println("MAPPED " + mapping.externalAddress().getHostAddress() + ":"
          + mapping.externalPort() + " " + mapping.lifetime().toSeconds());
      System.out.flush();
      server.setSoTimeout(60_000);
      try (Socket s = server.accept()) {
        s.setSoTimeout(10_000);
        byte[] buffer = new byte[64];
        int n = s.getInputStream().read(buffer);
        System.out.println("ACCEPTED from " + s.getInetAddress().getHostAddress() + " "
            + new String(buffer, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim());
        System.out.flush();
      }
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      mapper.unmap(mapping);
      System.out.println("UNMAPPED");
    }
  }
}
