package swarmsync.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.record.DeviceId;

/**
 * A persistent dial target: dials one address now and again whenever no connection to the
 * device found there is open, waiting an exponential backoff between attempts, until the
 * manager closes.
 */
final class Dialer implements Runnable {
  /**
   * A connection that lasted this long proves the peer reachable and welcome, and resets the
   * backoff; one refused above TLS within seconds keeps the delays growing rather than being
   * redialed every second forever.
   */
  static final Duration STABLE_CONNECTION = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Dialer.class);

  /** The outcome of one dial that completed a handshake. */
  record Dialed(DeviceId device, ConnectionRegistry.Verdict verdict,
      Optional<PeerConnection> kept) {}

  /** One dial: connect, handshake, and offer the connection to the registry. */
  interface Attempt {
    Dialed dial(InetSocketAddress address) throws IOException;
  }

  private final InetSocketAddress address;
  private final Attempt attempt;
  private final ConnectionRegistry registry;
  private final Backoff backoff;
  private final Duration selfRedialPause;
  /** The device last found at the address; null until a handshake there completes. */
  private DeviceId device;

  Dialer(InetSocketAddress address, Attempt attempt, ConnectionRegistry registry,
      ConnectionSettings settings) {
    this.address = address;
    this.attempt = attempt;
    this.registry = registry;
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    this.selfRedialPause = settings.selfRedialPause();
  }

  @Override
  public void run() {
    try {
      Duration pause = Duration.ZERO;
      while ((device == null || registry.awaitNoConnection(device)) && registry.pause(pause)) {
        pause = dialOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Dials once; returns how long to wait before the next dial. */
  private Duration dialOnce() throws InterruptedException {
    Dialed dialed;
    try {
      dialed = attempt.dial(address);
    } catch (IOException e) {
      Duration pause = backoff.next();
      log.debug("dialing {} failed, next try in {} ms: {}", address, pause.toMillis(),
          e.toString());
      return pause;
    }
    device = dialed.device();
    if (dialed.verdict() == ConnectionRegistry.Verdict.SELF) {
      return selfRedialPause;
    }
    if (dialed.kept().isPresent()) {
      PeerConnection kept = dialed.kept().get();
      if (!registry.awaitNoConnection(device)) {
        return Duration.ZERO;
      }
      if (kept.age().compareTo(STABLE_CONNECTION) >= 0) {
        backoff.reset();
      }
    }
    return backoff.next();
  }
}
