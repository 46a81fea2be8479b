package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tokens: bound to the requester's IP, valid across one rotation, not two. */
class TokenSecretsTest {
  private final MutableClock clock = new MutableClock();
  private final TokenSecrets tokens = new TokenSecrets(clock, Duration.ofMinutes(5));

  @Test
  void aTokenIsValidForTheIpItWasGivenTo() throws Exception {
    InetAddress ip = InetAddress.getByName("10.77.0.1");
    byte[] token = tokens.tokenFor(ip);
    assertThat(token).hasSize(TokenSecrets.TOKEN_BYTES);
    assertThat(tokens.isValid(token, ip)).isTrue();
    assertThat(tokens.isValid(token, InetAddress.getByName("10.77.0.3"))).isFalse();
    assertThat(tokens.isValid(new byte[8], ip)).isFalse();
    assertThat(tokens.isValid(new byte[0], ip)).isFalse();
  }

  @Test
  void aTokenSurvivesOneRotationButNotTwo() throws Exception {
    InetAddress ip = InetAddress.getByName("127.0.0.1");
    byte[] token = tokens.tokenFor(ip);
    clock.advance(Duration.ofMinutes(5));
    assertThat(tokens.isValid(token, ip)).isTrue();
    assertThat(tokens.tokenFor(ip)).isNotEqualTo(token);
    clock.advance(Duration.ofMinutes(5));
    assertThat(tokens.isValid(token, ip)).isFalse();
  }

  @Test
  void aLongSilenceInvalidatesEveryOldToken() throws Exception {
    InetAddress ip = InetAddress.getByName("127.0.0.1");
    byte[] token = tokens.tokenFor(ip);
    clock.advance(Duration.ofHours(3));
    assertThat(tokens.isValid(token, ip)).isFalse();
  }
}
