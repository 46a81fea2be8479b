package swarmsync.nat;

import java.net.URI;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an IGD device description ({@code rootDesc.xml}): the first WANIPConnection service,
 * else the first WANPPPConnection, any version, with its control URL made absolute against
 * {@code URLBase} or the description's own URL.
 */
final class IgdDescription {
  static final String WAN_IP = "urn:schemas-upnp-org:service:WANIPConnection:";
  static final String WAN_PPP = "urn:schemas-upnp-org:service:WANPPPConnection:";

  /** The service to send SOAP actions to. */
  record Service(String serviceType, URI controlUrl) {}

  private IgdDescription() {}

  static Optional<Service> connectionService(byte[] xml, URI descriptionUrl)
      throws PortMappingException {
    Document doc = Xml.parse(xml, "IGD description at " + descriptionUrl);
    URI base = descriptionUrl;
    String urlBase = Xml.firstText(doc.getDocumentElement(), "URLBase");
    if (urlBase != null && !urlBase.isBlank()) {
      base = URI.create(urlBase.trim());
    }
    Optional<Service> ip = find(doc, WAN_IP, base);
    return ip.isPresent() ? ip : find(doc, WAN_PPP, base);
  }

  private static Optional<Service> find(Document doc, String typePrefix, URI base)
      throws PortMappingException {
    NodeList services = doc.getElementsByTagNameNS("*", "service");
    for (int i = 0; i < services.getLength(); i++) {
      Element service = (Element) services.item(i);
      String type = Xml.firstText(service, "serviceType");
      String control = Xml.firstText(service, "controlURL");
      if (type != null && type.trim().startsWith(typePrefix) && control != null) {
        try {
          return Optional.of(new Service(type.trim(), base.resolve(control.trim())));
        } catch (IllegalArgumentException e) {
          throw new PortMappingException("IGD description has a bad controlURL '"
              + control.trim() + "'");
        }
      }
    }
    return Optional.empty();
  }
}
