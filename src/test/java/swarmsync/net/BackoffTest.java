package swarmsync.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Redial delays: doubling from the base to the cap, jitter only shortening them. */
class BackoffTest {
  @Test
  void withoutJitterDelaysDoubleFromOneSecondToSixtyAndStayThere() {
    Backoff backoff = new Backoff(ConnectionSettings.BACKOFF_BASE,
        ConnectionSettings.BACKOFF_MAX, () -> 0.0);

    assertThat(seconds(backoff, 9)).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
  }

  @Test
  void resetStartsAgainFromTheBase() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
    seconds(backoff, 5);

    backoff.reset();

    assertThat(seconds(backoff, 3)).containsExactly(1L, 2L, 4L);
  }

  @Test
  void jitterShortensEachDelayByAtMostAQuarterAndNeverPassesTheCap() {
    Random random = new Random(42);
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60),
        random::nextDouble);
    long[] nominal = {1, 2, 4, 8, 16, 32, 60, 60, 60, 60};

    for (long seconds : nominal) {
      Duration delay = backoff.next();
      assertThat(delay).isBetween(Duration.ofSeconds(seconds).multipliedBy(3).dividedBy(4),
          Duration.ofSeconds(seconds));
    }
  }

  @Test
  void largestJitterTakesAQuarterOff() {
    Backoff backoff = new Backoff(Duration.ofSeconds(4), Duration.ofSeconds(8), () -> 1.0);

    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(3));
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void baseAboveTheCapIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base PT2S, max PT1S");
  }

  private static List<Long> seconds(Backoff backoff, int count) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(backoff.next().toSeconds());
    }
    return out;
  }
}
