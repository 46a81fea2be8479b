package swarmsync.nat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML from the gateway, parsed namespace-aware with no DOCTYPE and no external entities (the
 * gateway is only as trusted as any host on the LAN).
 */
final class Xml {
  private Xml() {}

  static Document parse(byte[] xml, String what) throws PortMappingException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    } catch (SAXException | IOException e) {
      throw new PortMappingException(what + " is not well-formed XML: " + e.getMessage());
    }
  }

  /** Text of the first descendant of {@code parent} with this local name, or null. */
  static String firstText(Element parent, String localName) {
    NodeList list = parent.getElementsByTagNameNS("*", localName);
    return list.getLength() == 0 ? null : list.item(0).getTextContent();
  }
}
