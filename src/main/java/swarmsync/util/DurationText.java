package swarmsync.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: a whole number and a unit, {@code 90s}, {@code 30m},
 * {@code 24h} or {@code 7d}. */
public final class DurationText {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})([smhd])");

  private DurationText() {}

  /** Parses {@code text}; throws IllegalArgumentException naming it when it is not one. */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid duration '" + text
          + "': expected a number and a unit s, m, h or d (e.g. 24h)");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.isZero()) {
      throw new IllegalArgumentException("invalid duration '" + text + "': must be positive");
    }
    return d;
  }
}
