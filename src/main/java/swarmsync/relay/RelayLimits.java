package swarmsync.relay;

import java.time.Duration;

/**
 * What a relay server allows; production uses {@link #DEFAULTS}, tests tighten them.
 *
 * @param maxSessions most relayed sessions (pending or active) at once; more get RelayFull
 * @param maxPerIp most connections (protocol and session alike) from one IP address at once
 * @param bytesPerSecond most bytes per second each direction of one session carries; 0: no cap
 * @param idleTimeout a session that carries no byte either way this long is closed
 * @param networkTimeout a protocol connection silent this long (no message, not even a Pong)
 *     is closed
 * @param pingInterval how often a permanent client is pinged
 * @param joinTimeout how long a new connection has for its first message, and an invited
 *     pair for both ends to join their session
 */
public record RelayLimits(int maxSessions, int maxPerIp, long bytesPerSecond,
    Duration idleTimeout, Duration networkTimeout, Duration pingInterval,
    Duration joinTimeout) {
  /**
   * 1024 sessions, 32 connections per IP (a NAT of a small office), no rate cap, 5 minutes idle
   * (a sync session pings every minute or so), strelaysrv's 2 minute network timeout and
   * 1 minute ping interval, 30 s to join.
   */
  public static final RelayLimits DEFAULTS = new RelayLimits(1024, 32, 0,
      Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(1),
      Duration.ofSeconds(30));

  public RelayLimits {
    if (maxSessions < 1 || maxPerIp < 1 || bytesPerSecond < 0) {
      throw new IllegalArgumentException("relay limits must be positive: sessions "
          + maxSessions + ", per IP " + maxPerIp + ", bytes/s " + bytesPerSecond);
    }
    for (Duration d : new Duration[] {idleTimeout, networkTimeout, pingInterval, joinTimeout}) {
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException("relay timeouts must be at least 1 ms, got " + d);
      }
    }
  }

  public RelayLimits withMaxPerIp(int max) {
    return new RelayLimits(maxSessions, max, bytesPerSecond, idleTimeout, networkTimeout,
        pingInterval, joinTimeout);
  }

  public RelayLimits withIdleTimeout(Duration idle) {
    return new RelayLimits(maxSessions, maxPerIp, bytesPerSecond, idle, networkTimeout,
        pingInterval, joinTimeout);
  }

  public RelayLimits withBytesPerSecond(long rate) {
    return new RelayLimits(maxSessions, maxPerIp, rate, idleTimeout, networkTimeout,
        pingInterval, joinTimeout);
  }

  public RelayLimits withMaxSessions(int max) {
    return new RelayLimits(max, maxPerIp, bytesPerSecond, idleTimeout, networkTimeout,
        pingInterval, joinTimeout);
  }
}
