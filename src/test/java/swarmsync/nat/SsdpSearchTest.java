package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SsdpSearchTest {
  @Test
  void searchRequestIsAnMSearchForTheTarget() {
    assertThat(new String(SsdpSearch.request(SsdpSearch.TARGETS[0]), StandardCharsets.US_ASCII))
        .isEqualTo("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
            + "MAN: \"ssdp:discover\"\r\nMX: 1\r\n"
            + "ST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n\r\n");
  }

  @Test
  void recordedAnswerGivesTheDescriptionUrl() throws Exception {
    byte[] answer = Recorded.bytes("ssdp-response.txt");
    assertThat(SsdpSearch.location(answer, answer.length,
        InetAddress.getByName("192.168.77.1")))
        .contains(URI.create("http://192.168.77.1:5000/rootDesc.xml"));
  }

  @Test
  void answerPointingAtAnotherHostIsIgnored() throws Exception {
    byte[] answer = Recorded.bytes("ssdp-response.txt");
    assertThat(SsdpSearch.location(answer, answer.length,
        InetAddress.getByName("192.168.77.3"))).isEmpty();
  }

  @Test
  void searchesNotifiesAndOtherSchemesAreIgnored() throws Exception {
    InetAddress from = InetAddress.getByName("192.168.77.1");
    for (String text : new String[] {
        "M-SEARCH * HTTP/1.1\r\nLOCATION: http://192.168.77.1:5000/x\r\n\r\n",
        "HTTP/1.1 404 Not Found\r\nLOCATION: http://192.168.77.1:5000/x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nLOCATION: file:///etc/passwd\r\n\r\n",
        "HTTP/1.1 200 OK\r\nLOCATION: http://[bad\r\n\r\n",
        "HTTP/1.1 200 OK\r\nST: x\r\n\r\n", ""}) {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      assertThat(SsdpSearch.location(b, b.length, from)).as(text).isEmpty();
    }
  }

  @Test
  void headerNamesAreCaseInsensitive() throws Exception {
    byte[] b = "HTTP/1.1 200 OK\nlocation:http://192.168.77.1:5000/d.xml\n\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SsdpSearch.location(b, b.length, InetAddress.getByName("192.168.77.1")))
        .contains(URI.create("http://192.168.77.1:5000/d.xml"));
  }
}
