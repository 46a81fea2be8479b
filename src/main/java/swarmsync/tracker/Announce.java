package swarmsync.tracker;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import swarmsync.util.Hex;

/**
 * One announce: this node is in the swarm of {@code infoHash}, listening on {@code port}.
 *
 * @param infoHash the 20-byte info_hash (for us: a folder's discovery id)
 * @param peerId   the 20-byte peer_id; random, see {@link #randomPeerId()}
 * @param port     the TCP port peers should connect to, 1 to 65535
 * @param event    started, stopped, completed or none (periodic)
 */
public record Announce(byte[] infoHash, byte[] peerId, int port, Event event) {
  /** 20 bytes: a SHA-1 sized info_hash and peer_id (BEP 3). */
  public static final int ID_BYTES = 20;
  /** Azureus-style client prefix of our peer ids: SW for swarmsync, version 0.1.0.0. */
  private static final String PEER_ID_PREFIX = "-SW0100-";
  private static final String PEER_ID_ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  public Announce {
    if (infoHash.length != ID_BYTES) {
      throw new IllegalArgumentException("info_hash must be 20 bytes, got " + infoHash.length);
    }
    if (peerId.length != ID_BYTES) {
      throw new IllegalArgumentException("peer_id must be 20 bytes, got " + peerId.length);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
    }
    infoHash = infoHash.clone();
    peerId = peerId.clone();
  }

  @Override
  public byte[] infoHash() {
    return infoHash.clone();
  }

  @Override
  public byte[] peerId() {
    return peerId.clone();
  }

  /** A fresh peer id: {@code -SW0100-} and 12 random alphanumerics, as Azureus-style clients. */
  public static byte[] randomPeerId() {
    StringBuilder id = new StringBuilder(PEER_ID_PREFIX);
    while (id.length() < ID_BYTES) {
      id.append(PEER_ID_ALPHABET.charAt(RANDOM.nextInt(PEER_ID_ALPHABET.length())));
    }
    return id.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Announce that && Arrays.equals(infoHash, that.infoHash)
        && Arrays.equals(peerId, that.peerId) && port == that.port && event == that.event;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(infoHash) * 31 + port;
  }

  @Override
  public String toString() {
    return "Announce[" + Hex.encode(infoHash) + " port " + port + " " + event + "]";
  }
}
