package swarmsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void aSessionEndsAfterAnIdleHourEvenIfYoungerThanItsLifetime() {
    Sessions sessions = new Sessions(clock);
    Sessions.Session s = sessions.create();
    assertThat(s.token()).isNotEqualTo(s.csrf()).hasSizeGreaterThan(40);
    now = now.plus(Sessions.IDLE).minusSeconds(1);
    assertThat(sessions.use(s.token())).isPresent();
    now = now.plus(Sessions.IDLE).plusSeconds(1);
    assertThat(sessions.use(s.token())).isEmpty();
  }

  @Test
  void aSessionInUseStillEndsAtItsLifetime() {
    Sessions sessions = new Sessions(clock);
    Sessions.Session s = sessions.create();
    for (int i = 0; i < 12; i++) {
      now = now.plusSeconds(3599);
      assertThat(sessions.use(s.token())).isPresent();
    }
    now = now.plusSeconds(3599);
    assertThat(sessions.use(s.token())).isEmpty();
  }

  @Test
  void unknownTokensLogoutAndTheCapAreHonoured() {
    Sessions sessions = new Sessions(clock);
    assertThat(sessions.use("nope")).isEmpty();
    assertThat(sessions.use(null)).isEmpty();
    Sessions.Session first = sessions.create();
    for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
      now = now.plusMillis(1);
      sessions.create();
    }
    assertThat(sessions.use(first.token())).as("the oldest went").isEmpty();
    Sessions.Session last = sessions.create();
    sessions.end(last.token());
    assertThat(sessions.use(last.token())).isEmpty();
  }
}
