package swarmsync.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing per client address: the first {@link #FREE_FAILURES} failed
 * logins cost nothing; each one after that blocks the address for twice as long as the one
 * before (1 s, 2 s, 4 s ...) up to {@link #MAX_BLOCK}. A successful login clears the record.
 */
final class LoginThrottle {
  /** Failed logins an address may make before it is slowed down. */
  static final int FREE_FAILURES = 5;
  /** Longest block after many failures. */
  static final Duration MAX_BLOCK = Duration.ofMinutes(15);
  /** Addresses remembered at once; the oldest record goes first when full. */
  static final int MAX_ADDRESSES = 10_000;

  private record Record(int failures, Instant blockedUntil) {}

  private final Clock clock;
  private final Map<String, Record> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code address} must still wait before trying again; zero if it may try now. */
  synchronized Duration waitFor(String address) {
    Record r = byAddress.get(address);
    if (r == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(clock.instant(), r.blockedUntil());
    return left.isNegative() ? Duration.ZERO : left;
  }

  synchronized void failed(String address) {
    Record r = byAddress.get(address);
    int failures = r == null ? 1 : r.failures() + 1;
    Instant until = clock.instant();
    if (failures >= FREE_FAILURES) {
      int doublings = Math.min(failures - FREE_FAILURES, 20);
      Duration block = Duration.ofSeconds(1L << doublings);
      until = until.plus(block.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : block);
    }
    byAddress.put(address, new Record(failures, until));
  }

  synchronized void succeeded(String address) {
    byAddress.remove(address);
  }
}
