package swarmsync.nat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * A NAT-PMP (RFC 6886) client for one gateway: asks its external address, then maps the port;
 * renewing is the same request again, deleting is the request with lifetime 0.
 */
public final class NatPmpPortMapper implements PortMapper {
  private final GatewayUdp udp;
  private final Clock clock;

  /** A client of {@code gateway}:5351, sending from {@code local}. */
  public NatPmpPortMapper(InetAddress gateway, InetAddress local, Clock clock) {
    this.udp = new GatewayUdp(gateway, local);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "natpmp";
  }

  @Override
  public PortMapping map(Transport transport, int internalPort, int suggestedExternalPort,
      Duration lifetime) throws IOException {
    InetAddress external = NatPmpCodec.externalAddressAnswer(
        udp.exchange(NatPmpCodec.externalAddressRequest(), "NAT-PMP external address"));
    NatPmpCodec.MapAnswer answer = NatPmpCodec.mapAnswer(udp.exchange(
        NatPmpCodec.mapRequest(transport, internalPort, suggestedExternalPort, lifetime),
        "NAT-PMP map"), transport);
    if (answer.internalPort() != internalPort || answer.lifetime().isZero()) {
      throw new PortMappingException("NAT-PMP answer maps internal port "
          + answer.internalPort() + " for " + answer.lifetime().toSeconds()
          + " s; we asked for " + internalPort);
    }
    return new PortMapping(name(), transport, internalPort, external, answer.externalPort(),
        answer.lifetime(), clock.instant());
  }

  @Override
  public void unmap(PortMapping mapping) throws IOException {
    NatPmpCodec.mapAnswer(udp.exchange(NatPmpCodec.mapRequest(mapping.transport(),
        mapping.internalPort(), 0, Duration.ZERO), "NAT-PMP delete"), mapping.transport());
  }
}
