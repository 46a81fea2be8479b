package swarmsync.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations typed on the command line. */
class DurationTextTest {
  @Test
  void eachUnitParses() {
    assertThat(DurationText.parse("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DurationText.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(DurationText.parse(" 24h ")).isEqualTo(Duration.ofHours(24));
    assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void anythingElseIsRefusedNamingIt() {
    for (String bad : new String[] {"", "24", "h", "1.5h", "-1h", "24H", "1w", "1234567890s"}) {
      assertThatThrownBy(() -> DurationText.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid duration '" + bad + "'");
    }
    assertThatThrownBy(() -> DurationText.parse("0s"))
        .hasMessage("invalid duration '0s': must be positive");
  }
}
