package swarmsync.nat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A UPnP IGD client for one gateway: finds the IGD by SSDP, reads its description for the
 * WANIPConnection (or WANPPPConnection) control URL, then {@code GetExternalIPAddress},
 * {@code AddPortMapping} (renewing is the same call again) and {@code DeletePortMapping}.
 *
 * <p>Unlike miniupnpc, it keeps an IGD whose external address is private: a router behind
 * another NAT (and every test router here) reports one, and the mapping still serves peers on
 * that outer network.
 */
public final class UpnpPortMapper implements PortMapper {
  /** What the gateway shows as the mapping's description. */
  static final String DESCRIPTION = "swarmsync";
  /**
   * Next ports tried when the suggested external port is mapped to another host already (UPnP
   * has no "any port" in version 1; PCP and NAT-PMP gateways pick one themselves).
   */
  static final int CONFLICT_TRIES = 3;

  private final InetAddress gateway;
  private final InetAddress local;
  private final Clock clock;
  private IgdDescription.Service service;

  /** A client of the IGD on {@code gateway}, mapping ports to {@code local}. */
  public UpnpPortMapper(InetAddress gateway, InetAddress local, Clock clock) {
    this.gateway = gateway;
    this.local = local;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "upnp";
  }

  @Override
  public synchronized PortMapping map(Transport transport, int internalPort,
      int suggestedExternalPort, Duration lifetime) throws IOException {
    IgdDescription.Service igd = service();
    String address = call(igd, "GetExternalIPAddress", Map.of()).values()
        .getOrDefault("NewExternalIPAddress", "");
    if (address.isEmpty()) {
      throw new PortMappingException("UPnP IGD at " + igd.controlUrl()
          + " reports no external address");
    }
    InetAddress external = literal(address);
    int externalPort = suggestedExternalPort == 0 ? internalPort : suggestedExternalPort;
    SoapMessages.Answer answer = call(igd, "AddPortMapping",
        add(transport, internalPort, externalPort, lifetime));
    for (int tries = 0; answer.faultCode() == SoapMessages.CONFLICT_IN_MAPPING_ENTRY
        && tries < CONFLICT_TRIES; tries++) {
      externalPort = externalPort >= 65535 ? 1024 : externalPort + 1;
      answer = call(igd, "AddPortMapping", add(transport, internalPort, externalPort, lifetime));
    }
    if (answer.faultCode() == SoapMessages.ONLY_PERMANENT_LEASES) {
      lifetime = Duration.ZERO;
      answer = call(igd, "AddPortMapping", add(transport, internalPort, externalPort, lifetime));
    }
    refuse(igd, "AddPortMapping", answer);
    return new PortMapping(name(), transport, internalPort, external, externalPort, lifetime,
        clock.instant());
  }

  @Override
  public synchronized void unmap(PortMapping mapping) throws IOException {
    IgdDescription.Service igd = service();
    Map<String, String> args = new LinkedHashMap<>();
    args.put("NewRemoteHost", "");
    args.put("NewExternalPort", Integer.toString(mapping.externalPort()));
    args.put("NewProtocol", mapping.transport().name());
    refuse(igd, "DeletePortMapping", call(igd, "DeletePortMapping", args));
  }

  private Map<String, String> add(Transport transport, int internalPort, int externalPort,
      Duration lifetime) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("NewRemoteHost", "");
    args.put("NewExternalPort", Integer.toString(externalPort));
    args.put("NewProtocol", transport.name());
    args.put("NewInternalPort", Integer.toString(internalPort));
    args.put("NewInternalClient", local.getHostAddress());
    args.put("NewEnabled", "1");
    args.put("NewPortMappingDescription", DESCRIPTION);
    args.put("NewLeaseDuration", Long.toString(NatPmpCodec.lifetimeSeconds(lifetime)));
    return args;
  }

  /** The connection service, found once (SSDP, then the description). */
  private IgdDescription.Service service() throws IOException {
    if (service == null) {
      URI location = SsdpSearch.search(local, gateway).orElseThrow(() -> new IOException(
          "no UPnP IGD answered an SSDP search from " + local.getHostAddress()));
      BoundedHttp.Response description = BoundedHttp.get(location);
      if (description.status() != 200) {
        throw new IOException("IGD description " + location + " answered HTTP "
            + description.status());
      }
      service = IgdDescription.connectionService(description.body(), location).orElseThrow(
          () -> new PortMappingException("IGD at " + location
              + " has no WANIPConnection or WANPPPConnection service"));
    }
    return service;
  }

  private static SoapMessages.Answer call(IgdDescription.Service igd, String action,
      Map<String, String> args) throws IOException {
    BoundedHttp.Response response = BoundedHttp.postSoap(igd.controlUrl(),
        SoapMessages.soapAction(igd.serviceType(), action),
        SoapMessages.request(igd.serviceType(), action, args));
    if (response.status() != 200 && response.status() != 500) {
      throw new IOException("UPnP " + action + " at " + igd.controlUrl() + " answered HTTP "
          + response.status());
    }
    return SoapMessages.answer(action, response.body());
  }

  private static void refuse(IgdDescription.Service igd, String action,
      SoapMessages.Answer answer) throws PortMappingException {
    if (answer.fault()) {
      throw new PortMappingException("UPnP " + action + " refused by " + igd.controlUrl()
          + ": " + answer.faultCode() + " " + answer.faultDescription());
    }
  }

  private static InetAddress literal(String address) throws PortMappingException {
    if (!address.matches("[0-9.]{7,15}|[0-9a-fA-F:.]{2,45}")) {
      throw new PortMappingException("UPnP external address '" + address
          + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(address); // a literal: no name lookup
    } catch (IOException e) {
      throw new PortMappingException("UPnP external address '" + address + "' is not valid");
    }
  }
}
