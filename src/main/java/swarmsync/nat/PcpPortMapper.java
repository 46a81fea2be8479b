package swarmsync.nat;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * A PCP (RFC 6887) client for one gateway, MAP opcode only. One random nonce for this client's
 * life: renewals and the delete carry it, which is how the gateway knows they are ours
 * (another nonce gets NOT_AUTHORIZED).
 */
public final class PcpPortMapper implements PortMapper {
  private final GatewayUdp udp;
  private final Clock clock;
  private final byte[] nonce = new byte[PcpCodec.NONCE_BYTES];

  /** A client of {@code gateway}:5351, sending from {@code local}. */
  public PcpPortMapper(InetAddress gateway, InetAddress local, Clock clock) {
    this.udp = new GatewayUdp(gateway, local);
    this.clock = clock;
    new SecureRandom().nextBytes(nonce);
  }

  @Override
  public String name() {
    return "pcp";
  }

  @Override
  public PortMapping map(Transport transport, int internalPort, int suggestedExternalPort,
      Duration lifetime) throws IOException {
    PcpCodec.MapAnswer answer = send(transport, internalPort, suggestedExternalPort, lifetime,
        "PCP MAP");
    if (answer.internalPort() != internalPort || answer.lifetime().isZero()) {
      throw new PortMappingException("PCP MAP answer maps internal port "
          + answer.internalPort() + " for " + answer.lifetime().toSeconds()
          + " s; we asked for " + internalPort);
    }
    return new PortMapping(name(), transport, internalPort, answer.externalAddress(),
        answer.externalPort(), answer.lifetime(), clock.instant());
  }

  @Override
  public void unmap(PortMapping mapping) throws IOException {
    send(mapping.transport(), mapping.internalPort(), mapping.externalPort(), Duration.ZERO,
        "PCP delete");
  }

  private PcpCodec.MapAnswer send(Transport transport, int internalPort, int externalPort,
      Duration lifetime, String what) throws IOException {
    byte[] request = PcpCodec.mapRequest(nonce, transport, udp.local(), internalPort,
        externalPort, lifetime);
    return PcpCodec.mapAnswer(udp.exchange(request, what), nonce, transport);
  }
}
