package swarmsync.relay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token under which a folder is registered and looked up at one relay (our rendezvous
 * extension): {@code HMAC-SHA256(key = discovery id, "swarmsync/v1/relay-rendezvous" ||
 * relay certificate SHA-256)[0..16)}.
 *
 * <p>Why keyed this way: the relay learns neither the discovery id (so it cannot look the
 * folder up at trackers or in the DHT) nor anything another relay could match, since the
 * relay's own id is mixed in; only holders of the discovery id can compute the token.
 */
public final class RendezvousToken {
  static final byte[] LABEL = "swarmsync/v1/relay-rendezvous".getBytes(StandardCharsets.US_ASCII);

  private RendezvousToken() {}

  /** The token of {@code discoveryId} at the relay whose certificate hashes to {@code relayId}. */
  public static byte[] of(byte[] discoveryId, byte[] relayId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(discoveryId, "HmacSHA256"));
      mac.update(LABEL);
      return Arrays.copyOf(mac.doFinal(relayId), RelayCodec.TOKEN_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
