package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IgdDescriptionTest {
  private static final URI AT = URI.create("http://192.168.77.1:5000/rootDesc.xml");

  @Test
  void recordedMiniupnpdDescriptionGivesWanIpConnection2() throws Exception {
    assertThat(IgdDescription.connectionService(Recorded.bytes("rootDesc.xml"), AT))
        .contains(new IgdDescription.Service(
            "urn:schemas-upnp-org:service:WANIPConnection:2",
            URI.create("http://192.168.77.1:5000/ctl/IPConn")));
  }

  @Test
  void pppConnectionServesWhenThereIsNoIpConnection() throws Exception {
    String xml = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><URLBase>"
        + "http://192.168.1.1:49000/</URLBase><device><serviceList><service><serviceType>"
        + "urn:schemas-upnp-org:service:WANPPPConnection:1</serviceType><controlURL>"
        + "/upnp/control/WANPPPConn1</controlURL></service></serviceList></device></root>";
    assertThat(IgdDescription.connectionService(xml.getBytes(StandardCharsets.UTF_8), AT))
        .contains(new IgdDescription.Service(
            "urn:schemas-upnp-org:service:WANPPPConnection:1",
            URI.create("http://192.168.1.1:49000/upnp/control/WANPPPConn1")));
  }

  @Test
  void descriptionWithoutAConnectionServiceGivesNone() throws Exception {
    String xml = "<root><device><serviceList><service><serviceType>"
        + "urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType><controlURL>/x"
        + "</controlURL></service></serviceList></device></root>";
    assertThat(IgdDescription.connectionService(xml.getBytes(StandardCharsets.UTF_8), AT))
        .isEmpty();
  }

  @Test
  void doctypesAndExternalEntitiesAreRefused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
        + "]><root>&x;</root>";
    assertThatThrownBy(() -> IgdDescription.connectionService(
        xml.getBytes(StandardCharsets.UTF_8), AT)).isInstanceOf(PortMappingException.class)
        .hasMessageContaining("is not well-formed XML");
  }

  @Test
  void garbageIsRefusedWithOneLine() {
    assertThatThrownBy(() -> IgdDescription.connectionService(
        "<root><unclosed>".getBytes(StandardCharsets.UTF_8), AT))
        .hasMessageStartingWith("IGD description at " + AT + " is not well-formed XML");
  }
}
