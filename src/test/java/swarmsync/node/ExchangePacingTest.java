package swarmsync.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Peer exchange timing: floods are ignored, and our own sends are spaced to be heard. */
class ExchangePacingTest {
  private static final String FOLDER = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3";
  private static final String OTHER = "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3";

  private final SteppedClock clock = new SteppedClock();
  private final ExchangePacing pacing = new ExchangePacing(clock);

  @Test
  void aSecondExchangeWithinOneSecondForTheSameFolderIsIgnored() {
    assertThat(pacing.admitIncoming(FOLDER)).isTrue();
    clock.advance(Duration.ofMillis(999));
    assertThat(pacing.admitIncoming(FOLDER)).isFalse();
    assertThat(pacing.admitIncoming(OTHER)).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(pacing.admitIncoming(FOLDER)).isTrue();
  }

  @Test
  void ignoredExchangesDoNotPushTheWindowBack() {
    assertThat(pacing.admitIncoming(FOLDER)).isTrue();
    clock.advance(Duration.ofMillis(600));
    assertThat(pacing.admitIncoming(FOLDER)).isFalse();
    clock.advance(Duration.ofMillis(400));
    assertThat(pacing.admitIncoming(FOLDER)).isTrue();
  }

  @Test
  void theFirstSendGoesAtOnceAndTheNextWaitsForTheSendInterval() {
    assertThat(pacing.reserveSend(FOLDER)).contains(Duration.ZERO);
    pacing.release(FOLDER, true);
    clock.advance(Duration.ofMillis(500));
    assertThat(pacing.reserveSend(FOLDER)).contains(Duration.ofMillis(1000));
  }

  @Test
  void whileASendIsPendingNoSecondIsReserved() {
    assertThat(pacing.reserveSend(FOLDER)).isPresent();
    assertThat(pacing.reserveSend(FOLDER)).isEmpty();
    assertThat(pacing.reserveSend(OTHER)).isPresent();
    pacing.release(FOLDER, false);
    assertThat(pacing.reserveSend(FOLDER)).contains(Duration.ZERO);
  }

  /** A clock that stands still until the test moves it. */
  private static final class SteppedClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
