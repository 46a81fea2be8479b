package swarmsync.nat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway in memory for {@link MappingRenewerTest}: grants what it is asked (capped at
 * {@code maxLease}) and remembers its mappings, or fails every call while {@code failing}.
 */
final class InMemoryPortMapper implements PortMapper {
  final String name;
  final Clock clock;
  final List<String> calls = new ArrayList<>();
  final List<Integer> mapped = new ArrayList<>();
  final List<Integer> mappedUdp = new ArrayList<>();
  Duration maxLease = Duration.ofHours(2);
  boolean failing;
  /** Refuses UDP mappings only (a gateway that forwards TCP alone). */
  boolean refusingUdp;

  InMemoryPortMapper(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PortMapping map(Transport transport, int internalPort, int suggestedExternalPort,
      Duration lifetime) throws IOException {
    boolean udp = transport == Transport.UDP;
    calls.add("map " + (udp ? "udp " : "") + internalPort + "->" + suggestedExternalPort);
    if (failing || udp && refusingUdp) {
      throw new IOException(name + " gateway silent");
    }
    List<Integer> table = udp ? mappedUdp : mapped;
    if (!table.contains(suggestedExternalPort)) {
      table.add(suggestedExternalPort);
    }
    Duration granted = lifetime.compareTo(maxLease) > 0 ? maxLease : lifetime;
    return new PortMapping(name, transport, internalPort, InetAddress.getByName("10.99.0.2"),
        suggestedExternalPort, granted, clock.instant());
  }

  @Override
  public void unmap(PortMapping mapping) throws IOException {
    boolean udp = mapping.transport() == Transport.UDP;
    calls.add("unmap " + (udp ? "udp " : "") + mapping.externalPort());
    if (failing) {
      throw new IOException(name + " gateway silent");
    }
    (udp ? mappedUdp : mapped).remove(Integer.valueOf(mapping.externalPort()));
  }
}
