package swarmsync.net;

import java.time.Duration;

/**
 * The time and size limits of a connection manager; production uses {@link #DEFAULTS}, tests
 * shorten the times.
 *
 * @param handshakeTimeout longest a TLS handshake may take, in total, before the socket is cut
 * @param dialTimeout longest a TCP connect may take
 * @param backoffBase first redial delay after a failure or a lost connection
 * @param backoffMax largest redial delay
 * @param selfRedialPause how long a target that reached this device itself waits
 * @param maxHandshakes most inbound handshakes in progress at once; more are refused
 */
record ConnectionSettings(Duration handshakeTimeout, Duration dialTimeout,
    Duration backoffBase, Duration backoffMax, Duration selfRedialPause, int maxHandshakes) {
  /**
   * 10 s: a TLS 1.3 handshake is one and a half round trips, well under a second even over
   * satellite links, yet a silent client gives its slot back soon.
   */
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** 10 s: longer than TCP's first SYN retransmissions (1 s, 3 s), shorter than a user waits. */
  static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);
  /** 1 s: a peer restarting or a brief network blip is back within seconds. */
  static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
  /** 60 s: an offline peer costs one SYN a minute, and returns within a minute of coming up. */
  static final Duration BACKOFF_MAX = Duration.ofSeconds(60);
  /** 60 s: an address that is ourselves (a LAN announce of our own) seldom stops being so. */
  static final Duration SELF_REDIAL_PAUSE = Duration.ofSeconds(60);
  /**
   * 64 handshakes: far above the peers a device really has dialing it at once, small enough
   * that a flood of silent sockets holds 64 threads at most, each for the handshake timeout.
   */
  static final int MAX_HANDSHAKES = 64;

  static final ConnectionSettings DEFAULTS = new ConnectionSettings(HANDSHAKE_TIMEOUT,
      DIAL_TIMEOUT, BACKOFF_BASE, BACKOFF_MAX, SELF_REDIAL_PAUSE, MAX_HANDSHAKES);

  ConnectionSettings {
    if (maxHandshakes < 1) {
      throw new IllegalArgumentException("maxHandshakes must be positive, got " + maxHandshakes);
    }
    if (handshakeTimeout.toMillis() < 1 || dialTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least 1 ms, got handshake "
          + handshakeTimeout + ", dial " + dialTimeout);
    }
  }

  ConnectionSettings withHandshakeTimeout(Duration timeout) {
    return new ConnectionSettings(timeout, dialTimeout, backoffBase, backoffMax,
        selfRedialPause, maxHandshakes);
  }

  ConnectionSettings withBackoff(Duration base, Duration max) {
    return new ConnectionSettings(handshakeTimeout, dialTimeout, base, max, selfRedialPause,
        maxHandshakes);
  }

  ConnectionSettings withMaxHandshakes(int max) {
    return new ConnectionSettings(handshakeTimeout, dialTimeout, backoffBase, backoffMax,
        selfRedialPause, max);
  }
}
