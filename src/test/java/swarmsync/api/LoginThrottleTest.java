package swarmsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void fiveFailuresAreFreeThenEachDoublesTheWait() {
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < 4; i++) {
      throttle.failed("10.0.0.1");
      assertThat(throttle.waitFor("10.0.0.1")).isZero();
    }
    throttle.failed("10.0.0.1");
    assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    throttle.failed("10.0.0.1");
    assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    throttle.failed("10.0.0.1");
    assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
    assertThat(throttle.waitFor("10.0.0.2")).as("other addresses are not slowed").isZero();
    now = now.plusSeconds(4);
    assertThat(throttle.waitFor("10.0.0.1")).isZero();
  }

  @Test
  void theWaitIsCappedAndASuccessClearsIt() {
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < 40; i++) {
      throttle.failed("a");
    }
    assertThat(throttle.waitFor("a")).isEqualTo(LoginThrottle.MAX_BLOCK);
    throttle.succeeded("a");
    assertThat(throttle.waitFor("a")).isZero();
  }
}
