package swarmsync.nat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The SOAP envelopes of UPnP control (UPnP Device Architecture 1.1 §3.2): an action request
 * with its in-arguments, and the answer: the out-arguments of {@code <ActionResponse>}, or the
 * {@code UPnPError} code and description of a fault (HTTP 500).
 */
final class SoapMessages {
  /** UPnP error: the gateway supports only permanent leases (WANIPConnection:1 §2.4.16). */
  static final int ONLY_PERMANENT_LEASES = 725;
  /** UPnP error: the external port is mapped to another client already. */
  static final int CONFLICT_IN_MAPPING_ENTRY = 718;

  /** An answer: out-arguments, or a fault code (0 when none) and its description. */
  record Answer(Map<String, String> values, int faultCode, String faultDescription) {
    boolean fault() {
      return faultCode != 0;
    }
  }

  private SoapMessages() {}

  /** The request body for {@code action} of {@code serviceType} with these arguments. */
  static String request(String serviceType, String action, Map<String, String> arguments) {
    StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?>\r\n"
        + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        + "s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><u:")
        .append(action).append(" xmlns:u=\"").append(escape(serviceType)).append("\">");
    for (Map.Entry<String, String> a : arguments.entrySet()) {
      body.append('<').append(a.getKey()).append('>').append(escape(a.getValue()))
          .append("</").append(a.getKey()).append('>');
    }
    return body.append("</u:").append(action).append("></s:Body></s:Envelope>\r\n")
        .toString();
  }

  /** The {@code SOAPAction} header value. */
  static String soapAction(String serviceType, String action) {
    return "\"" + serviceType + "#" + action + "\"";
  }

  /** Parses the body of an answer to {@code action}; fails if it is neither answer nor fault. */
  static Answer answer(String action, byte[] body) throws PortMappingException {
    Document doc = Xml.parse(body, "UPnP " + action + " answer");
    NodeList responses = doc.getElementsByTagNameNS("*", action + "Response");
    if (responses.getLength() > 0) {
      Map<String, String> values = new LinkedHashMap<>();
      NodeList children = responses.item(0).getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        Node child = children.item(i);
        if (child.getNodeType() == Node.ELEMENT_NODE) {
          values.put(child.getLocalName(), child.getTextContent().trim());
        }
      }
      return new Answer(values, 0, "");
    }
    Element root = doc.getDocumentElement();
    String code = Xml.firstText(root, "errorCode");
    if (code == null) {
      throw new PortMappingException("UPnP " + action
          + " answer has neither a response nor an error code");
    }
    String description = Xml.firstText(root, "errorDescription");
    try {
      int parsed = Integer.parseInt(code.trim());
      return new Answer(Map.of(), parsed == 0 ? -1 : parsed,
          description == null ? "" : description.trim());
    } catch (NumberFormatException e) {
      throw new PortMappingException("UPnP " + action + " error code '" + code.trim()
          + "' is not a number");
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
