package swarmsync.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The timing of peer exchange on one link, per folder: exchanges the peer sends closer together
 * than {@link #MIN_INTERVAL} are ignored, and ours are spaced {@link #SEND_INTERVAL} apart (one
 * pending send at a time) so that a peer applying the same rule never ignores one of ours.
 */
final class ExchangePacing {
  /** Least time between two exchanges a peer may send for one folder; faster ones are ignored. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** Least time between two exchanges we send for one folder: MIN_INTERVAL + 500 ms of jitter. */
  static final Duration SEND_INTERVAL = Duration.ofMillis(1500);

  private final Clock clock;
  /** Guarded by this: when the peer's last admitted exchange per folder arrived. */
  private final Map<String, Instant> lastIn = new HashMap<>();
  /** Guarded by this: when we last sent an exchange per folder. */
  private final Map<String, Instant> lastOut = new HashMap<>();
  /** Guarded by this: folders with a send scheduled and not yet gone. */
  private final Set<String> pending = new HashSet<>();

  ExchangePacing(Clock clock) {
    this.clock = clock;
  }

  /** Whether an exchange the peer sent for a folder now is acted on (and counted). */
  synchronized boolean admitIncoming(String folderId) {
    Instant now = clock.instant();
    Instant last = lastIn.get(folderId);
    if (last != null && now.isBefore(last.plus(MIN_INTERVAL))) {
      return false;
    }
    lastIn.put(folderId, now);
    return true;
  }

  /**
   * Reserves the next send for a folder: how long until it may go, or empty when a send is
   * already pending (it will carry the latest addresses, as it reads them when it goes).
   */
  synchronized Optional<Duration> reserveSend(String folderId) {
    if (!pending.add(folderId)) {
      return Optional.empty();
    }
    Instant last = lastOut.get(folderId);
    Duration wait = last == null ? Duration.ZERO
        : Duration.between(clock.instant(), last.plus(SEND_INTERVAL));
    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
  }

  /** The reserved send for a folder is going now: later changes need a reservation anew. */
  synchronized void release(String folderId, boolean sent) {
    pending.remove(folderId);
    if (sent) {
      lastOut.put(folderId, clock.instant());
    }
  }
}
