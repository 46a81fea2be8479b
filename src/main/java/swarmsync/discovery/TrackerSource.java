package swarmsync.discovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import swarmsync.tracker.Announce;
import swarmsync.tracker.TrackerClient;

/**
 * Finding peers through BitTorrent trackers (HTTP and UDP): each discovery id is announced as
 * an info_hash, with a random peer_id and this node's port, to every tracker, each on its own
 * schedule and thread.
 */
public final class TrackerSource implements PeerSource {
  /** The {@link #name()} of peers found here. */
  public static final String NAME = "tracker";

  private final List<TrackerClient> clients = new ArrayList<>();
  private final TrackerSourceSettings settings;
  /** Random per run: nothing ties our announces across restarts. */
  private final byte[] peerId = Announce.randomPeerId();
  private final List<TrackerAnnouncer> announcers = new ArrayList<>();
  private Set<String> discoveryIds = Set.of();
  private boolean closed;

  /**
   * A source announcing to {@code trackerUrls} ({@code http://host:port/announce},
   * {@code udp://host:port[/announce]}); a URL of another scheme is refused here.
   */
  public TrackerSource(List<String> trackerUrls, TrackerSourceSettings settings) {
    for (String url : trackerUrls) {
      clients.add(TrackerClient.forUrl(url, settings.client()));
    }
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized void start(LocalNode self, FoundPeers found) {
    if (!announcers.isEmpty() || closed) {
      throw new IllegalStateException("tracker source already started or closed");
    }
    for (TrackerClient client : clients) {
      TrackerAnnouncer announcer = new TrackerAnnouncer(client, settings, self, peerId, found,
          NAME);
      announcers.add(announcer);
      announcer.update(discoveryIds);
    }
  }

  @Override
  public synchronized void announce(Set<String> discoveryIds) {
    for (String id : discoveryIds) {
      if (!id.matches("[0-9a-f]{40}")) {
        throw new IllegalArgumentException("discovery id must be 40 lower-case hex digits, got '"
            + id + "'");
      }
    }
    this.discoveryIds = Set.copyOf(discoveryIds);
    announcers.forEach(announcer -> announcer.update(this.discoveryIds));
  }

  /** Announces {@code stopped} to every tracker in parallel, waiting at most closeWait. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (announcers.isEmpty()) {
      clients.forEach(TrackerSource::closeQuietly);
      return;
    }
    long deadline = System.nanoTime() + settings.closeWait().toNanos();
    announcers.forEach(TrackerAnnouncer::beginClose);
    announcers.forEach(announcer -> announcer.awaitClose(deadline));
  }

  private static void closeQuietly(TrackerClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // a client that was never used holds nothing that can fail to close
    }
  }
}
