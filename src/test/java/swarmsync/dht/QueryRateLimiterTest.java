package swarmsync.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-IP token bucket for incoming queries. */
class QueryRateLimiterTest {
  private final MutableClock clock = new MutableClock();
  private final QueryRateLimiter limiter = new QueryRateLimiter(clock, 10, 5);

  @Test
  void aBurstIsAnsweredThenTheRestDroppedUntilTokensRefill() throws Exception {
    InetAddress a = InetAddress.getByName("10.77.0.1");
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire(a)).as("query %d of the burst", i).isTrue();
    }
    assertThat(limiter.tryAcquire(a)).isFalse();
    clock.advance(Duration.ofMillis(100));
    assertThat(limiter.tryAcquire(a)).as("one token after 100 ms at 10/s").isTrue();
    assertThat(limiter.tryAcquire(a)).isFalse();
    clock.advance(Duration.ofMinutes(1));
    int answered = 0;
    for (int i = 0; i < 20; i++) {
      answered += limiter.tryAcquire(a) ? 1 : 0;
    }
    assertThat(answered).as("refill is capped at the burst").isEqualTo(5);
  }

  @Test
  void oneFloodingIpDoesNotStarveAnother() throws Exception {
    InetAddress flooder = InetAddress.getByName("10.77.0.1");
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire(flooder);
    }
    assertThat(limiter.tryAcquire(flooder)).isFalse();
    assertThat(limiter.tryAcquire(InetAddress.getByName("10.77.0.2"))).isTrue();
  }
}
