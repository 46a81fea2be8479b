package swarmsync.node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.protocol.Limits;
import swarmsync.protocol.Message;

/**
 * This node's side of peer exchange: tells every peer of a folder where the folder's other
 * peers listen (their remote IP and the port their Hello gave) whenever a peer joins it, and
 * hands the addresses peers tell us to the peer finder, which dials each once as found by pex.
 */
final class PeerExchange {
  /**
   * Most distinct addresses this node takes from peer exchange in its life. Each becomes a
   * dial target redialed until the node stops (a thread of its own), so a folder member must
   * not be able to add them without bound; 256 is four full exchanges, far above any swarm we
   * aim at.
   */
  static final int MAX_EXCHANGED_TARGETS = 256;

  private static final Logger LOG = LoggerFactory.getLogger(PeerExchange.class);

  private final PeerLinks links;
  private final ScheduledExecutorService timers;
  private final Consumer<InetSocketAddress> dial;
  /** Guarded by itself: every address taken from an exchange so far. */
  private final Set<InetSocketAddress> taken = new HashSet<>();

  /** An exchange over {@code links}, paced on {@code timers}; found addresses go to dial. */
  PeerExchange(PeerLinks links, ScheduledExecutorService timers,
      Consumer<InetSocketAddress> dial) {
    this.links = links;
    this.timers = timers;
    this.dial = dial;
  }

  /** A peer joined {@code folder}: every peer of the folder hears where the others listen. */
  void peerJoined(SharedFolder folder) {
    for (PeerLink link : links.all()) {
      if (link.hasJoined(folder.folderId())) {
        offer(link, folder);
      }
    }
  }

  /**
   * Addresses a peer ({@code from}, for the log) told us for a folder we share with it: each
   * new one goes to the finder, which skips our own and dials the rest once; beyond
   * {@link #MAX_EXCHANGED_TARGETS} distinct addresses, none.
   */
  void received(String from, List<Message.PeerAddress> addresses) {
    int ignored = 0;
    for (Message.PeerAddress a : addresses) {
      InetSocketAddress address;
      try {
        address = new InetSocketAddress(InetAddress.getByAddress(a.ip()), a.port());
      } catch (UnknownHostException e) {
        throw new IllegalStateException("the validator admitted an IP of " + a.ip().length
            + " bytes from " + from, e);
      }
      synchronized (taken) {
        if (taken.size() >= MAX_EXCHANGED_TARGETS && !taken.contains(address)) {
          ignored++;
          continue;
        }
        taken.add(address);
      }
      dial.accept(address);
    }
    if (ignored > 0) {
      LOG.warn("ignored {} addresses from {}: this node took {} from peer exchange already",
          ignored, from, MAX_EXCHANGED_TARGETS);
    }
  }

  /**
   * The listen addresses of the folder's peers other than {@code receiver}, at most 64: those
   * the receiver can use, so no IPv6 link-local address (its scope is ours) and no loopback
   * address unless the receiver is on our loopback too.
   */
  List<Message.PeerAddress> listenAddresses(PeerLink receiver, String folderId) {
    boolean receiverLocal = receiver.connection().remoteAddress().getAddress()
        .isLoopbackAddress();
    List<Message.PeerAddress> addresses = new ArrayList<>();
    for (PeerLink link : links.all()) {
      if (addresses.size() == Limits.MAX_EXCHANGED_ADDRESSES) {
        break;
      }
      // A relayed link's remote address is the relay's: no address of the peer to pass on.
      if (link != receiver && link.hasJoined(folderId) && !link.connection().isClosed()
          && !link.connection().relayed()) {
        link.listenAddress().filter(a -> usableBy(receiverLocal, a.getAddress()))
            .ifPresent(a -> addresses.add(
                new Message.PeerAddress(a.getAddress().getAddress(), a.getPort())));
      }
    }
    return addresses;
  }

  /** Whether a peer reached over loopback ({@code receiverLocal}) or not can dial {@code ip}. */
  static boolean usableBy(boolean receiverLocal, InetAddress ip) {
    if (ip instanceof Inet6Address && ip.isLinkLocalAddress()) {
      return false;
    }
    return receiverLocal || !ip.isLoopbackAddress();
  }

  private void offer(PeerLink link, SharedFolder folder) {
    link.pacing().reserveSend(folder.folderId()).ifPresent(delay -> {
      try {
        timers.schedule(() -> send(link, folder), delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("not sending peers to {}: node stopping", link.describe());
      }
    });
  }

  private void send(PeerLink to, SharedFolder folder) {
    List<Message.PeerAddress> addresses = listenAddresses(to, folder.folderId());
    boolean sent = !addresses.isEmpty()
        && to.sendExchange(new Message.PeerExchange(folder.discoveryId(), addresses));
    to.pacing().release(folder.folderId(), sent);
    if (sent) {
      LOG.debug("told {} of {} peers of folder {}", to.describe(), addresses.size(),
          folder.folderId());
    }
  }
}
