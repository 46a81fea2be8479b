package swarmsync.tracker;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The connection ids our UDP tracker hands out (BEP 15): an HMAC of the client's IP and the
 * current minute under a random secret, so they cost no memory and cannot be guessed.
 * An id is accepted during the minute it was issued in and the next one (60 to 120 s).
 */
final class ConnectionIds {
  /** One minute: the lifetime BEP 15 gives a connection id. */
  static final Duration WINDOW = Duration.ofSeconds(60);
  /** 32 bytes: the HMAC-SHA256 key size. */
  private static final int SECRET_BYTES = 32;

  private final Clock clock;
  private final SecretKeySpec secret;

  ConnectionIds(Clock clock) {
    this.clock = clock;
    byte[] key = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(key);
    this.secret = new SecretKeySpec(key, "HmacSHA256");
  }

  long issue(InetAddress client) {
    return idFor(client, window());
  }

  boolean valid(long connectionId, InetAddress client) {
    long window = window();
    return connectionId == idFor(client, window) || connectionId == idFor(client, window - 1);
  }

  private long window() {
    return clock.millis() / WINDOW.toMillis();
  }

  private long idFor(InetAddress client, long window) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      mac.update(client.getAddress());
      mac.update(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
      return ByteBuffer.wrap(mac.doFinal()).getLong();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
