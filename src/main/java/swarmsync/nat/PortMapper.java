package swarmsync.nat;

import java.io.IOException;
import java.time.Duration;

/**
 * One port mapping protocol spoken to one gateway: asks it to forward an external port to one
 * of ours, renews that, and removes it. Implementations: {@link PcpPortMapper},
 * {@link NatPmpPortMapper}, {@link UpnpPortMapper}. Every call is bounded in time.
 */
public interface PortMapper {
  /** The protocol's name in the status: {@code pcp}, {@code natpmp} or {@code upnp}. */
  String name();

  /**
   * Maps (or renews, when called again for the same port) {@code internalPort} for
   * {@code lifetime}, asking for {@code suggestedExternalPort} on the gateway (0: any).
   *
   * @throws PortMappingException the gateway answered with a refusal
   * @throws IOException          the gateway did not answer in time or could not be reached
   */
  PortMapping map(Transport transport, int internalPort, int suggestedExternalPort,
      Duration lifetime) throws IOException;

  /** Removes a mapping this mapper made. */
  void unmap(PortMapping mapping) throws IOException;
}
