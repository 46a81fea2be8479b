package swarmsync.dht;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The get_peers tokens this node hands out and checks on announce_peer: the first
 * {@value #TOKEN_BYTES} bytes of HMAC-SHA256(secret, requester IP). The secret changes every
 * rotation period; a token made with the previous secret is still accepted, so a token lives
 * between one and two periods (BEP 5 suggests 5 and 10 minutes). Thread-safe.
 */
final class TokenSecrets {
  /** Token length in bytes: 64 bits is plenty against guessing within 10 minutes. */
  static final int TOKEN_BYTES = 8;
  private static final int SECRET_BYTES = 32;

  private final Clock clock;
  private final Duration rotation;
  private final SecureRandom random = new SecureRandom();
  private byte[] current;
  private byte[] previous;
  private Instant rotatedAt;

  TokenSecrets(Clock clock, Duration rotation) {
    this.clock = clock;
    this.rotation = rotation;
    this.current = fresh();
    this.previous = fresh();
    this.rotatedAt = clock.instant();
  }

  /** The token for a requester at this IP. */
  synchronized byte[] tokenFor(InetAddress requester) {
    rotateIfDue();
    return token(current, requester);
  }

  /** True when {@code token} was handed to this IP with the current or previous secret. */
  synchronized boolean isValid(byte[] token, InetAddress requester) {
    rotateIfDue();
    return MessageDigest.isEqual(token, token(current, requester))
        || MessageDigest.isEqual(token, token(previous, requester));
  }

  private void rotateIfDue() {
    long periods = Duration.between(rotatedAt, clock.instant()).dividedBy(rotation);
    if (periods < 1) {
      return;
    }
    previous = periods == 1 ? current : fresh();
    current = fresh();
    rotatedAt = rotatedAt.plus(rotation.multipliedBy(periods));
  }

  private byte[] fresh() {
    byte[] s = new byte[SECRET_BYTES];
    random.nextBytes(s);
    return s;
  }

  private static byte[] token(byte[] secret, InetAddress requester) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(requester.getAddress()), TOKEN_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JRE", e);
    }
  }
}
