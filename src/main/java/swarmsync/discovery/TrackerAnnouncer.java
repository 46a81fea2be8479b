package swarmsync.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.tracker.Announce;
import swarmsync.tracker.AnnounceResult;
import swarmsync.tracker.Event;
import swarmsync.tracker.TrackerClient;
import swarmsync.util.Hex;

/**
 * The announces to one tracker, on a thread of their own so that a slow or dead tracker delays
 * only itself: per discovery id, {@code started} first, then periodic ones at the tracker's
 * interval, {@code stopped} when the id is dropped or on close.
 *
 * <p>All state is touched only on the announcer's single thread.
 */
final class TrackerAnnouncer {
  private static final Logger LOG = LoggerFactory.getLogger(TrackerAnnouncer.class);

  /** Where one discovery id stands with this tracker. */
  private static final class Slot {
    ScheduledFuture<?> next;
    boolean started;
    int failures;
  }

  private final TrackerClient client;
  private final TrackerSourceSettings settings;
  private final LocalNode self;
  private final byte[] peerId;
  private final FoundPeers found;
  private final String sourceName;
  private final ScheduledThreadPoolExecutor thread;
  private final Map<String, Slot> slots = new HashMap<>();

  TrackerAnnouncer(TrackerClient client, TrackerSourceSettings settings, LocalNode self,
      byte[] peerId, FoundPeers found, String sourceName) {
    this.client = client;
    this.settings = settings;
    this.self = self;
    this.peerId = peerId.clone();
    this.found = found;
    this.sourceName = sourceName;
    this.thread = new ScheduledThreadPoolExecutor(1, task -> {
      Thread t = new Thread(task, "tracker-announce " + client.url());
      t.setDaemon(true);
      return t;
    });
    thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    thread.setRemoveOnCancelPolicy(true);
  }

  /** Announces exactly {@code discoveryIds} from now on (lower-case hex of 20 bytes). */
  void update(Set<String> discoveryIds) {
    Set<String> wanted = Set.copyOf(discoveryIds);
    if (!thread.isShutdown()) {
      thread.execute(() -> apply(wanted));
    }
  }

  /** Starts announcing {@code stopped} for every started id and ending the thread. */
  void beginClose() {
    thread.execute(() -> apply(Set.of()));
    thread.shutdown();
  }

  /** Waits until {@code deadline} (System.nanoTime) for the close, then cuts it short. */
  void awaitClose(long deadline) {
    try {
      thread.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.shutdownNow();
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing tracker client {}: {}", client.url(), e.toString());
    }
  }

  private void apply(Set<String> wanted) {
    for (String id : new HashSet<>(slots.keySet())) {
      if (!wanted.contains(id)) {
        Slot slot = slots.remove(id);
        slot.next.cancel(false);
        if (slot.started) {
          stop(id);
        }
      }
    }
    for (String id : wanted) {
      if (!slots.containsKey(id)) {
        Slot slot = new Slot();
        slots.put(id, slot);
        slot.next = thread.schedule(() -> announce(id), 0, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void announce(String id) {
    Slot slot = slots.get(id);
    if (slot == null) {
      return;
    }
    Event event = slot.started ? Event.NONE : Event.STARTED;
    Duration wait;
    try {
      AnnounceResult result = client.announce(request(id, event));
      slot.started = true;
      slot.failures = 0;
      wait = settings.clamp(result.interval());
      report(id, result);
    } catch (IOException | RuntimeException e) {
      slot.failures++;
      wait = settings.retryAfter(slot.failures);
      if (slot.failures == 1) {
        LOG.info("announce of {} to {} failed, retrying in {}: {}", id, client.url(), wait,
            e.toString());
      } else {
        LOG.debug("announce of {} to {} failed {} times: {}", id, client.url(), slot.failures,
            e.toString());
      }
    }
    slot.next = thread.schedule(() -> announce(id), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void stop(String id) {
    try {
      client.announce(request(id, Event.STOPPED));
    } catch (IOException | RuntimeException e) {
      LOG.debug("stopped announce of {} to {}: {}", id, client.url(), e.toString());
    }
  }

  private Announce request(String id, Event event) {
    return new Announce(Hex.decode(id), peerId, self.port(), event);
  }

  private void report(String id, AnnounceResult result) {
    for (InetSocketAddress peer : result.peers()) {
      if (peer.getPort() != 0 && !isSelf(peer)) {
        found.found(id, peer, sourceName);
      }
    }
  }

  /**
   * Whether {@code peer} is this node: our port on one of our own addresses. Trackers such as
   * opentracker return the announcer to itself.
   */
  private boolean isSelf(InetSocketAddress peer) {
    if (!self.isOurPort(peer.getPort())) {
      return false;
    }
    InetAddress address = peer.getAddress();
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
