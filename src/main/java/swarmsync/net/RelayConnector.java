package swarmsync.net;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.record.DeviceId;
import swarmsync.relay.PermanentSession;
import swarmsync.relay.RelayClient;
import swarmsync.relay.RelayMessage;
import swarmsync.relay.RelayUri;

/**
 * This device at its relays: keeps a permanent session at each (rejoining with a backoff),
 * registers its folders where the relay has our rendezvous extension, joins every session it
 * is invited to, and dials through a relay each wanted device that has had no connection for
 * {@link #GRACE} (the time direct dials get first). Every relayed stream then carries our
 * normal peer TLS handshake, handed to the {@link ConnectionManager}.
 */
public final class RelayConnector implements AutoCloseable {
  /** How long a device goes without any connection before it is dialed through a relay. */
  static final Duration GRACE = Duration.ofSeconds(5);
  /** How often the wanted devices are checked and rendezvous relays asked for new ones. */
  static final Duration TICK = Duration.ofSeconds(2);
  /** Relay lookups of our folders: every 10 s at most per relay. */
  static final Duration LOOKUP_INTERVAL = Duration.ofSeconds(10);
  /** Connect, TLS and answer timeout of each relay exchange: 10 s, as for direct dials. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(RelayConnector.class);

  private final ConnectionManager manager;
  private final List<RelayUri> relays;
  private final Supplier<List<byte[]>> discoveryIds;
  private final Supplier<Set<DeviceId>> knownDevices;
  private final RelayClient client;
  private final Map<RelayUri, PermanentSession> live = new ConcurrentHashMap<>();
  /** Devices found at rendezvous relays. */
  private final Set<DeviceId> foundAtRelays = ConcurrentHashMap.newKeySet();
  /** When each device was last seen losing its connection; MAX_VALUE while connected. */
  private final Map<DeviceId, Long> unconnectedSince = new ConcurrentHashMap<>();
  private final Map<DeviceId, Backoff> retries = new ConcurrentHashMap<>();
  private final Map<DeviceId, Long> nextTry = new ConcurrentHashMap<>();
  private final Map<RelayUri, Long> lastLookup = new ConcurrentHashMap<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final ExecutorService handshakes =
      Executors.newCachedThreadPool(new DaemonThreads("swarmsync-relay-session"));
  private volatile boolean closed;

  /**
   * A connector for {@code relays} handing streams to {@code manager}; registers and looks up
   * {@code discoveryIds}, and dials those devices and {@code knownDevices} when unconnected.
   */
  public RelayConnector(ConnectionManager manager, DeviceCertificate cert, List<RelayUri> relays,
      Supplier<List<byte[]>> discoveryIds, Supplier<Set<DeviceId>> knownDevices) {
    this.manager = manager;
    this.relays = List.copyOf(relays);
    this.discoveryIds = discoveryIds;
    this.knownDevices = knownDevices;
    this.client = new RelayClient(TlsContexts.create(cert), TIMEOUT);
  }

  /** Starts a session keeper per relay and the dialing loop. */
  public void start() {
    for (RelayUri relay : relays) {
      spawn("swarmsync-relay " + relay, () -> keepSession(relay));
    }
    spawn("swarmsync-relay-dial", this::dialLoop);
  }

  /** Registers the current folders again at every live session (after folders changed). */
  public void folderSetChanged() {
    for (PermanentSession session : live.values()) {
      try {
        session.register(discoveryIds.get());
      } catch (IOException e) {
        session.close();
      }
    }
  }

  /** The relays with a live permanent session now. */
  public List<String> liveRelays() {
    return live.keySet().stream().map(RelayUri::toString).sorted().toList();
  }

  private void spawn(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void keepSession(RelayUri relay) {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    while (!closed) {
      try (PermanentSession session = client.join(relay)) {
        live.put(relay, session);
        session.register(discoveryIds.get());
        log.info("joined relay {} (rendezvous {})", relay, session.rendezvous() ? "on" : "off");
        backoff.reset();
        lastLookup.remove(relay);
        while (!closed) {
          RelayMessage.SessionInvitation invitation = session.awaitInvitation();
          handshakes.execute(() -> accept(relay, invitation));
        }
      } catch (IOException | RejectedExecutionException e) {
        if (!closed) {
          log.info("relay {} lost: {}", relay, e.getMessage());
        }
      } finally {
        live.remove(relay);
      }
      if (!sleep(backoff.next())) {
        return;
      }
    }
  }

  /** Joins an invited session and runs the peer handshake as the invitation says. */
  private void accept(RelayUri relay, RelayMessage.SessionInvitation invitation) {
    try {
      Socket stream = client.joinSession(relay, invitation);
      manager.handshakeRelayed(stream, invitation.serverSocket(), relay.toString(),
          Optional.of(DeviceId.of(invitation.from())));
    } catch (IOException | IllegalArgumentException e) {
      log.info("relayed session via {} failed: {}", relay, e.getMessage());
    }
  }

  private void dialLoop() {
    long started = System.nanoTime();
    while (!closed && sleep(TICK)) {
      lookUp();
      if (System.nanoTime() - started < GRACE.toNanos()) {
        continue;
      }
      for (DeviceId device : wanted()) {
        try {
          maybeDial(device);
        } catch (RuntimeException e) {
          log.warn("dialing {} through a relay failed: {}", device.shortName(), e.toString());
        }
      }
    }
  }

  private Set<DeviceId> wanted() {
    Set<DeviceId> devices = ConcurrentHashMap.newKeySet();
    devices.addAll(knownDevices.get());
    devices.addAll(foundAtRelays);
    devices.remove(manager.deviceId());
    return devices;
  }

  private void lookUp() {
    long now = System.nanoTime();
    for (PermanentSession session : live.values()) {
      Long last = lastLookup.get(session.relay());
      if (!session.rendezvous() || (last != null
          && now - last < LOOKUP_INTERVAL.toNanos())) {
        continue;
      }
      lastLookup.put(session.relay(), now);
      try {
        for (byte[] id : client.lookup(session.relay(), discoveryIds.get())) {
          if (foundAtRelays.add(DeviceId.of(id))) {
            log.info("relay {} knows {} for our folders", session.relay(),
                DeviceId.of(id).shortName());
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        log.info("looking up folders at {} failed: {}", session.relay(), e.getMessage());
      }
    }
  }

  /**
   * Dials {@code device} through a relay unless it is connected, lost its connection less
   * than {@link #GRACE} ago (direct redials come first), or waits out a failed relay dial.
   */
  private void maybeDial(DeviceId device) {
    long now = System.nanoTime();
    if (manager.connection(device).isPresent()) {
      unconnectedSince.put(device, Long.MAX_VALUE);
      retries.remove(device);
      nextTry.remove(device);
      return;
    }
    Long since = unconnectedSince.get(device);
    if (since != null && since == Long.MAX_VALUE) {
      unconnectedSince.put(device, now);
      return;
    }
    if (since != null && now - since < GRACE.toNanos()) {
      return;
    }
    if (nextTry.getOrDefault(device, now) > now) {
      return;
    }
    if (!dialThroughRelays(device)) {
      Backoff backoff = retries.computeIfAbsent(device,
          d -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60)));
      nextTry.put(device, now + backoff.next().toNanos());
    }
  }

  /** Tries each relay with a live session in order; true once one carries a connection. */
  private boolean dialThroughRelays(DeviceId device) {
    List<RelayUri> order = new ArrayList<>(relays);
    order.removeIf(r -> !live.containsKey(r));
    for (RelayUri relay : order) {
      try {
        RelayMessage.SessionInvitation invitation = client.connect(relay, device.bytes());
        Socket stream = client.joinSession(relay, invitation);
        log.info("dialing {} through relay {}", device.shortName(), relay);
        manager.handshakeRelayed(stream, invitation.serverSocket(), relay.toString(),
            Optional.of(device));
        return true;
      } catch (IOException e) {
        log.debug("no relayed connection to {} via {}: {}", device.shortName(), relay,
            e.getMessage());
      }
    }
    return false;
  }

  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    closed = true;
    live.values().forEach(PermanentSession::close);
    threads.forEach(Thread::interrupt);
    handshakes.shutdownNow();
  }
}
