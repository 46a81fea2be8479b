package swarmsync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent events of {@code GET /rest/events}: every {@link #PERIOD_MS} ms a
 * {@code status} event with the whole status document, preceded by one event per change seen
 * since the last tick: {@code folder-state} when a folder's state changed,
 * {@code peer-connected} and {@code peer-disconnected} when a folder's peers did.
 */
final class EventStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  /** How often the status is pushed (the web interface's progress refresh). */
  static final long PERIOD_MS = 1000;

  private final Supplier<StatusView> status;
  private final ObjectMapper json;
  private final List<SseClient> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "api-events");
        t.setDaemon(true);
        return t;
      });
  private StatusView previous;

  EventStream(Supplier<StatusView> status, ObjectMapper json) {
    this.status = status;
    this.json = json;
  }

  void start() {
    ticker.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** A new subscriber: kept open, sent the current status at once. */
  void subscribe(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    send(client, "status", status.get());
  }

  private void tick() {
    try {
      if (clients.isEmpty()) {
        previous = null;
        return;
      }
      StatusView now = status.get();
      if (previous != null) {
        for (Map.Entry<String, Object> change : changes(previous, now)) {
          clients.forEach(c -> send(c, change.getKey(), change.getValue()));
        }
      }
      previous = now;
      clients.forEach(c -> send(c, "status", now));
    } catch (RuntimeException e) {
      LOG.warn("pushing events failed: {}", e.getMessage());
    }
  }

  /** The events between two status documents, in order: (event name, data). */
  static List<Map.Entry<String, Object>> changes(StatusView before, StatusView after) {
    Map<String, FolderStatusView> old = new HashMap<>();
    before.folders().forEach(f -> old.put(f.path(), f));
    List<Map.Entry<String, Object>> events = new ArrayList<>();
    for (FolderStatusView f : after.folders()) {
      FolderStatusView was = old.get(f.path());
      if (was != null && !was.state().equals(f.state())) {
        events.add(Map.entry("folder-state", Map.of("path", f.path(), "from", was.state(),
            "to", f.state())));
      }
      Set<String> oldPeers = was == null ? Set.of() : deviceIds(was);
      Set<String> newPeers = deviceIds(f);
      for (PeerView p : f.peers()) {
        if (!oldPeers.contains(p.deviceId())) {
          events.add(Map.entry("peer-connected", Map.of("path", f.path(), "device_id",
              p.deviceId(), "address", p.address(), "connection", p.connection())));
        }
      }
      if (was != null) {
        for (PeerView p : was.peers()) {
          if (!newPeers.contains(p.deviceId())) {
            events.add(Map.entry("peer-disconnected", Map.of("path", f.path(), "device_id",
                p.deviceId())));
          }
        }
      }
    }
    return events;
  }

  private static Set<String> deviceIds(FolderStatusView f) {
    return f.peers().stream().map(PeerView::deviceId).collect(Collectors.toSet());
  }

  private void send(SseClient client, String event, Object data) {
    if (client.terminated()) {
      clients.remove(client);
      return;
    }
    try {
      client.sendEvent(event, json.writeValueAsString(data));
    } catch (Exception e) {
      clients.remove(client);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(SseClient::close);
    clients.clear();
  }
}
