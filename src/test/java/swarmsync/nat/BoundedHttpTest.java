package swarmsync.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BoundedHttp against a real HTTP server on loopback (the JDK's). */
class BoundedHttpTest {
  private HttpServer server;
  private volatile String lastSoapAction;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/rootDesc.xml", x -> reply(x, 200,
        Recorded.bytes("rootDesc.xml"), false));
    server.createContext("/ctl/IPConn", x -> {
      lastSoapAction = x.getRequestHeaders().getFirst("SOAPAction");
      x.getRequestBody().readAllBytes();
      reply(x, 500, Recorded.bytes("soap-AddPortMapping-conflict.xml"), false);
    });
    server.createContext("/huge", x -> reply(x, 200, new byte[BoundedHttp.MAX_BODY_BYTES + 1],
        false));
    server.createContext("/huge-chunked", x -> reply(x, 200,
        new byte[BoundedHttp.MAX_BODY_BYTES + 1], true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void reply(com.sun.net.httpserver.HttpExchange x, int status, byte[] body,
      boolean chunked) throws IOException {
    x.sendResponseHeaders(status, chunked ? 0 : body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private URI at(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void descriptionComesBackWhole() throws Exception {
    BoundedHttp.Response r = BoundedHttp.get(at("/rootDesc.xml"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(Recorded.bytes("rootDesc.xml"));
  }

  @Test
  void soapFaultComesBackAsStatus500WithItsBody() throws Exception {
    String action = SoapMessages.soapAction("urn:x:1", "AddPortMapping");
    BoundedHttp.Response r = BoundedHttp.postSoap(at("/ctl/IPConn"), action, "<x/>");
    assertThat(r.status()).isEqualTo(500);
    assertThat(lastSoapAction).isEqualTo("\"urn:x:1#AddPortMapping\"");
    assertThat(SoapMessages.answer("AddPortMapping", r.body()).faultCode()).isEqualTo(718);
  }

  @Test
  void bodiesOverTheLimitAreRefusedWithOrWithoutALength() {
    assertThatThrownBy(() -> BoundedHttp.get(at("/huge")))
        .hasMessageContaining("answered with 65537 bytes, more than 65536");
    assertThatThrownBy(() -> BoundedHttp.get(at("/huge-chunked")))
        .hasMessageContaining("answered with more than 65536 bytes");
  }

  @Test
  void nothingListeningFailsClearly() {
    URI closed = at("/x");
    server.stop(0);
    assertThatThrownBy(() -> BoundedHttp.get(closed)).isInstanceOf(IOException.class);
  }
}
