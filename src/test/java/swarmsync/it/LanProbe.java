package swarmsync.it;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import swarmsync.discovery.LanSettings;
import swarmsync.discovery.LanSource;
import swarmsync.discovery.LocalNode;
import swarmsync.record.DeviceId;

/**
 * A LAN source as a process of its own, for {@link LanDiscoveryIT}: announces discovery ids
 * on every network interface and prints {@code FOUND <id> <address> <port>} for each report.
 *
 * <p>Arguments: UDP port, TCP port, device id byte (the id is 32 times it), discovery ids (hex,
 * comma-separated), seconds to run before exiting (so a forgotten probe ends on its own).
 */
public final class LanProbe {
  /** Time between periodic announcements: short, so interface changes show up in a test. */
  private static final Duration INTERVAL = Duration.ofSeconds(2);

  private LanProbe() {}

  public static void main(String[] args) throws Exception {
    int udpPort = Integer.parseInt(args[0]);
    int tcpPort = Integer.parseInt(args[1]);
    byte[] device = new byte[DeviceId.LENGTH];
    Arrays.fill(device, (byte) Integer.parseInt(args[2]));
    Set<String> discoveryIds = Set.of(args[3].split(","));
    long seconds = Long.parseLong(args[4]);

    LanSettings settings = LanSettings.defaults().withPort(udpPort).withInterval(INTERVAL);
    try (LanSource lan = new LanSource(settings, Clock.systemUTC())) {
      lan.start(new LocalNode(DeviceId.of(device), tcpPort), LanProbe::print);
      lan.announce(discoveryIds);
      System.out.println("READY");
      System.out.flush();
      Thread.sleep(seconds * 1000);
    }
  }

  private static synchronized void print(String id, InetSocketAddress address, String source) {
    System.out.println("FOUND " + id + " " + address.getAddress().getHostAddress() + " "
        + address.getPort() + " " + source);
    System.out.flush();
  }
}
