package swarmsync.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The browser sessions of the web interface, in memory only (a restart logs everyone out).
 * A session ends after {@link #IDLE} without use or {@link #LIFETIME} after login, whichever
 * comes first; each carries the CSRF token that its state-changing requests must repeat.
 */
final class Sessions {
  /** A session unused this long is over. */
  static final Duration IDLE = Duration.ofHours(1);
  /** No session lives longer than this after login. */
  static final Duration LIFETIME = Duration.ofHours(12);
  /** Most sessions held at once; the oldest goes when a login would exceed it. */
  static final int MAX_SESSIONS = 64;
  private static final int TOKEN_BYTES = 32;

  /** One logged-in browser: its cookie token, its CSRF token and its deadlines. */
  record Session(String token, String csrf, Instant created, Instant lastUsed) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new LinkedHashMap<>();

  Sessions(Clock clock) {
    this.clock = clock;
  }

  synchronized Session create() {
    dropExpired();
    while (byToken.size() >= MAX_SESSIONS) {
      byToken.values().stream().min(Comparator.comparing(Session::created))
          .ifPresent(oldest -> byToken.remove(oldest.token()));
    }
    Instant now = clock.instant();
    Session session = new Session(token(), token(), now, now);
    byToken.put(session.token(), session);
    return session;
  }

  /** The live session of this cookie token, its idle time reset; empty if none or expired. */
  synchronized Optional<Session> use(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session found = byToken.get(token);
    if (found == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(found, now)) {
      byToken.remove(token);
      return Optional.empty();
    }
    Session touched = new Session(found.token(), found.csrf(), found.created(), now);
    byToken.put(token, touched);
    return Optional.of(touched);
  }

  synchronized void end(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  /** Ends every session (after a password change). */
  synchronized void endAll() {
    byToken.clear();
  }

  private void dropExpired() {
    Instant now = clock.instant();
    byToken.values().removeIf(s -> expired(s, now));
  }

  private static boolean expired(Session s, Instant now) {
    return now.isAfter(s.lastUsed().plus(IDLE)) || now.isAfter(s.created().plus(LIFETIME));
  }

  private String token() {
    byte[] raw = new byte[TOKEN_BYTES];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
