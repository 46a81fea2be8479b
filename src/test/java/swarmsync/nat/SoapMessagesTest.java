package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoapMessagesTest {
  private static final String SERVICE = "urn:schemas-upnp-org:service:WANIPConnection:2";

  @Test
  void addPortMappingRequestHasTheArgumentsInOrder() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("NewRemoteHost", "");
    args.put("NewExternalPort", "41000");
    args.put("NewProtocol", "TCP");
    args.put("NewPortMappingDescription", "a<b&c");
    assertThat(SoapMessages.request(SERVICE, "AddPortMapping", args)).isEqualTo(
        "<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/"
        + "envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>"
        + "<u:AddPortMapping xmlns:u=\"" + SERVICE + "\"><NewRemoteHost></NewRemoteHost>"
        + "<NewExternalPort>41000</NewExternalPort><NewProtocol>TCP</NewProtocol>"
        + "<NewPortMappingDescription>a&lt;b&amp;c</NewPortMappingDescription>"
        + "</u:AddPortMapping></s:Body></s:Envelope>\r\n");
    assertThat(SoapMessages.soapAction(SERVICE, "AddPortMapping"))
        .isEqualTo("\"" + SERVICE + "#AddPortMapping\"");
  }

  @Test
  void recordedExternalAddressAnswerGivesThePrivateAddress() throws Exception {
    SoapMessages.Answer a = SoapMessages.answer("GetExternalIPAddress",
        Recorded.bytes("soap-GetExternalIPAddress.xml"));
    assertThat(a.fault()).isFalse();
    assertThat(a.values()).containsEntry("NewExternalIPAddress", "10.99.0.2");
  }

  @Test
  void recordedAddAndDeleteAnswersAreSuccesses() throws Exception {
    assertThat(SoapMessages.answer("AddPortMapping",
        Recorded.bytes("soap-AddPortMapping.xml")).fault()).isFalse();
    assertThat(SoapMessages.answer("DeletePortMapping",
        Recorded.bytes("soap-DeletePortMapping.xml")).fault()).isFalse();
  }

  @Test
  void recordedConflictFaultGivesCodeAndDescription() throws Exception {
    SoapMessages.Answer a = SoapMessages.answer("AddPortMapping",
        Recorded.bytes("soap-AddPortMapping-conflict.xml"));
    assertThat(a.faultCode()).isEqualTo(SoapMessages.CONFLICT_IN_MAPPING_ENTRY);
    assertThat(a.faultDescription()).isEqualTo("ConflictInMappingEntry");
  }

  @Test
  void answerWithNeitherResponseNorErrorIsRefused() {
    assertThatThrownBy(() -> SoapMessages.answer("AddPortMapping",
        "<Envelope><Body/></Envelope>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PortMappingException.class)
        .hasMessage("UPnP AddPortMapping answer has neither a response nor an error code");
    assertThatThrownBy(() -> SoapMessages.answer("AddPortMapping",
        "<e><errorCode>x1</errorCode></e>".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("UPnP AddPortMapping error code 'x1' is not a number");
  }
}
