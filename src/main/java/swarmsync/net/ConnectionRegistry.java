package swarmsync.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import swarmsync.record.DeviceId;

/**
 * The live connections of one device, one per peer device, kept by a rule both ends of a pair
 * apply alike without talking; dialers wait on it for a peer's connection to end.
 *
 * <p>The rule: a new connection replaces the existing one, unless the existing one was dialed
 * by the device with the smaller id and the new one was not. When both devices dial each
 * other at once, both therefore keep the one dialed by the smaller id, whatever order the
 * handshakes finish in. When the same device dialed both, the newest wins on both ends: its
 * dialer opened it because it thinks the old one dead, which the other end may not know yet.
 * Before that rule, a direct connection always beats a relayed one: a relayed connection never
 * displaces a direct one, and a direct one always displaces a relayed one.
 */
final class ConnectionRegistry {
  /** What became of a connection offered to the registry. */
  enum Verdict {
    /** Now the connection to its device; a displaced one, if any, is for the caller to close. */
    KEPT,
    /** The peer is this device itself. */
    SELF,
    /** Another connection to the same device is kept instead. */
    DUPLICATE,
    /** The registry is closed. */
    SHUT_DOWN
  }

  /** The verdict on an offered connection, and the live connection it displaced if any. */
  record Admission(Verdict verdict, Optional<PeerConnection> displaced) {}

  private final DeviceId local;
  private final Map<DeviceId, PeerConnection> live = new HashMap<>();
  private boolean closed;

  ConnectionRegistry(DeviceId local) {
    this.local = local;
  }

  /** Whether the rule keeps a new connection over a live one between the same two devices. */
  static boolean replaces(DeviceId local, DeviceId peer, boolean newOutbound,
      boolean existingOutbound) {
    DeviceId preferredDialer = local.compareTo(peer) < 0 ? local : peer;
    boolean existingPreferred = (existingOutbound ? local : peer).equals(preferredDialer);
    boolean newPreferred = (newOutbound ? local : peer).equals(preferredDialer);
    return newPreferred || !existingPreferred;
  }

  /** The rule with relays: direct beats relayed, then {@link #replaces(DeviceId, DeviceId,
   * boolean, boolean)}. */
  static boolean replaces(DeviceId local, DeviceId peer, PeerConnection candidate,
      PeerConnection existing) {
    if (candidate.relayed() != existing.relayed()) {
      return existing.relayed();
    }
    return replaces(local, peer, candidate.outbound(), existing.outbound());
  }

  synchronized Admission admit(PeerConnection candidate) {
    if (closed) {
      return new Admission(Verdict.SHUT_DOWN, Optional.empty());
    }
    DeviceId peer = candidate.peer();
    if (peer.equals(local)) {
      return new Admission(Verdict.SELF, Optional.empty());
    }
    PeerConnection existing = live.get(peer);
    if (existing != null && !existing.isClosed() && !replaces(local, peer, candidate,
        existing)) {
      return new Admission(Verdict.DUPLICATE, Optional.empty());
    }
    live.put(peer, candidate);
    notifyAll();
    return new Admission(Verdict.KEPT, Optional.ofNullable(existing)
        .filter(c -> !c.isClosed()));
  }

  /** Forgets {@code connection} if it is the live one to its device, waking the dialers. */
  synchronized void remove(PeerConnection connection) {
    if (live.remove(connection.peer(), connection)) {
      notifyAll();
    }
  }

  synchronized Optional<PeerConnection> connection(DeviceId device) {
    return Optional.ofNullable(live.get(device)).filter(c -> !c.isClosed());
  }

  synchronized Set<DeviceId> devices() {
    return live.values().stream().filter(c -> !c.isClosed()).map(PeerConnection::peer)
        .collect(Collectors.toUnmodifiableSet());
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Waits until no open direct connection to {@code device} is registered (a relayed one does
   * not count: a direct dial would replace it); false if the registry closed meanwhile. A
   * connection whose socket closed without telling counts as ended.
   */
  synchronized boolean awaitNoConnection(DeviceId device) throws InterruptedException {
    while (!closed && connection(device).filter(c -> !c.relayed()).isPresent()) {
      wait();
    }
    return !closed;
  }

  /** Waits {@code delay} unless the registry closes first; false if it is closed. */
  synchronized boolean pause(Duration delay) throws InterruptedException {
    long deadline = System.nanoTime() + delay.toNanos();
    long left = delay.toNanos();
    while (!closed && left > 0) {
      Duration remaining = Duration.ofNanos(left);
      wait(Math.max(1, remaining.toMillis()));
      left = deadline - System.nanoTime();
    }
    return !closed;
  }

  /** Closes the registry, waking every waiter; returns the connections that were live. */
  synchronized List<PeerConnection> close() {
    closed = true;
    List<PeerConnection> open = new ArrayList<>(live.values());
    live.clear();
    notifyAll();
    return open;
  }
}
