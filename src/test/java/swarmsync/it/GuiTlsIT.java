package swarmsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import swarmsync.api.client.PinnedCertificateTrustManager;

/**
 * A real daemon started with {@code --gui-tls} serves its REST API over HTTPS only, with its
 * device certificate: the CLI reaches it (pinned to the certificate named in daemon.json),
 * plain HTTP gets no answer, the API key is still required, the login cookie is Secure, and a
 * client pinned to another certificate is refused.
 */
class GuiTlsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void theApiIsServedOverHttpsWithTheDeviceCertificateOnly() throws Exception {
    try (Daemon daemon = new Daemon(dir, "tls").start(Set.of(), List.of("--gui-tls"))) {
      JsonNode state = JSON.readTree(daemon.home.resolve("daemon.json").toFile());
      assertThat(state.get("scheme").asText()).isEqualTo("https");
      String pin = state.get("cert_sha256").asText();
      String deviceId = state.get("device_id").asText();
      String apiKey = Files.readString(daemon.home.resolve("api-key")).strip();
      String base = "https://" + state.get("gui").asText();

      Launcher.Result status = Launcher.run("status", "--home", daemon.home.toString(),
          "--json").assertOk();
      assertThat(JSON.readTree(status.out()).toString()).contains(deviceId);

      HttpClient plain = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      String plainBody;
      try {
        HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(
                URI.create(base.replace("https://", "http://") + "/rest/status"))
            .header("X-API-Key", apiKey).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("plain HTTP is not served").isNotEqualTo(200);
        plainBody = answer.body();
      } catch (IOException refused) {
        plainBody = "";
      }
      assertThat(plainBody).doesNotContain(deviceId);

      HttpClient pinned = HttpClient.newBuilder().connectTimeout(TIMEOUT)
          .sslContext(PinnedCertificateTrustManager.sslContext(pin)).build();
      HttpResponse<String> anonymous = pinned.send(HttpRequest.newBuilder(
          URI.create(base + "/rest/status")).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      HttpResponse<String> withKey = pinned.send(HttpRequest.newBuilder(
          URI.create(base + "/rest/status")).header("X-API-Key", apiKey).timeout(TIMEOUT)
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(withKey.statusCode()).isEqualTo(200);
      assertThat(withKey.body()).contains(deviceId);
      SSLSession session = withKey.sslSession().orElseThrow();
      assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
      assertThat(PinnedCertificateTrustManager.sha256Hex(
          (X509Certificate) session.getPeerCertificates()[0])).isEqualTo(pin);

      HttpResponse<String> login = pinned.send(HttpRequest.newBuilder(
              URI.create(base + "/rest/login")).header("Origin", base).timeout(TIMEOUT)
          .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + apiKey + "\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(200);
      assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
          .containsIgnoringCase("Secure").contains("HttpOnly");

      String otherPin = "00".repeat(32);
      HttpClient wrongPin = HttpClient.newBuilder().connectTimeout(TIMEOUT)
          .sslContext(PinnedCertificateTrustManager.sslContext(otherPin)).build();
      Throwable refused = null;
      try {
        wrongPin.send(HttpRequest.newBuilder(URI.create(base + "/rest/status"))
            .header("X-API-Key", apiKey).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        refused = e;
      }
      assertThat(refused).as("another certificate's pin is refused")
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
