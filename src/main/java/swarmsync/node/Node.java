package swarmsync.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.api.ApiServer;
import swarmsync.api.ArchivedView;
import swarmsync.api.ConflictView;
import swarmsync.api.FolderStatusView;
import swarmsync.api.FolderKeysView;
import swarmsync.api.FolderView;
import swarmsync.api.InviteView;
import swarmsync.api.Json;
import swarmsync.api.LocalChangeView;
import swarmsync.api.NodeControl;
import swarmsync.api.PeerView;
import swarmsync.api.SettingsView;
import swarmsync.api.RevertView;
import swarmsync.api.PortMappingView;
import swarmsync.api.StatusView;
import swarmsync.api.client.DaemonState;
import swarmsync.archive.ArchivedVersion;
import swarmsync.config.ApiKeyFile;
import swarmsync.config.ConfigException;
import swarmsync.config.ConfigStore;
import swarmsync.config.DaemonOptions;
import swarmsync.config.FolderConfig;
import swarmsync.config.HomeLayout;
import swarmsync.config.HomeLock;
import swarmsync.config.NodeConfig;
import swarmsync.config.PasswordFile;
import swarmsync.discovery.CacheSource;
import swarmsync.discovery.LocalNode;
import swarmsync.discovery.PeerFinder;
import swarmsync.util.FileTrees;
import swarmsync.fs.NioFolderFs;
import swarmsync.index.FileCounts;
import swarmsync.index.FolderRow;
import swarmsync.index.SqliteInviteStore;
import swarmsync.invite.InviteBook;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.FolderKey;
import swarmsync.keys.HandOutKeys;
import swarmsync.keys.SignatureVerifier;
import swarmsync.nat.MappingRenewer;
import swarmsync.nat.PortMapping;
import swarmsync.keys.KeyKind;
import swarmsync.sync.EncryptedHost;
import swarmsync.net.ConnectionManager;
import swarmsync.net.DeviceCertificate;
import swarmsync.net.TlsContexts;
import swarmsync.net.PeerConnection;
import swarmsync.protocol.Message.PeerAddress;
import swarmsync.protocol.PeerSession;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.DeviceId;
import swarmsync.sync.FolderSync;
import swarmsync.sync.LocalChange;
import swarmsync.sync.RecordSigner;
import swarmsync.sync.RecordVerifier;
import swarmsync.sync.RevertResult;
import swarmsync.tracker.TrackerServer;

/**
 * A running swarmsync node: the composition root. Builds every service by constructor, starts
 * them in dependency order and stops them in reverse.
 */
public final class Node implements NodeControl, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);
  /** The status {@code state} of a paused folder. */
  static final String PAUSED_STATE = "paused";
  /** How often pending invites are checked for expiry, to stop announcing expired ones. */
  private static final Duration INVITE_EXPIRY_CHECK = Duration.ofSeconds(30);

  private final DaemonOptions options;
  private final HomeLayout home;
  private final HomeLock lock;
  private final DeviceId deviceId;
  private final DeviceCertificate certificate;
  private final SqliteIndexStore index;
  private final ConfigStore config;
  private final ExecutorService hashPool;
  private final Map<String, SharedFolder> folders = new ConcurrentHashMap<>();
  private final PeerLinks links = new PeerLinks();
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1,
      daemonThreads("session-timers"));
  private final ExecutorService disk = Executors.newFixedThreadPool(4, daemonThreads("serve"));
  private ConnectionManager connections;
  private final PeerExchange exchange = new PeerExchange(links, timers, this::dialExchanged);
  private volatile PeerFinder finder;
  /** The port peers connect to, once listening; our Hellos name it. */
  private volatile int listenPort;
  private CacheSource addressCache;
  private TrackerServer trackerServer;
  /** The listen port's mapping on the gateway; null with --no-upnp. */
  private MappingRenewer portMapping;
  private final NodeRelays relays = new NodeRelays();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ApiServer api;
  private SqliteInviteStore inviteStore;
  private InviteDesk invites;
  private InviteControl inviteControl;
  /** The discovery ids last given to the finder. */
  private Set<String> announcedIds = Set.of();
  private boolean closed;

  private Node(DaemonOptions options, HomeLock lock, DeviceCertificate certificate,
      SqliteIndexStore index, ConfigStore config) {
    this.options = options;
    this.home = options.home();
    this.lock = lock;
    this.certificate = certificate;
    this.deviceId = certificate.deviceId();
    this.index = index;
    this.config = config;
    this.hashPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
        daemonThreads("hasher"));
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Starts a node with these options; fails with a one-line reason if it cannot. */
  public static Node start(DaemonOptions options) throws IOException {
    InetSocketAddress gui = options.gui();
    if (!InetAddress.getByName(gui.getHostString()).isLoopbackAddress()
        && !new PasswordFile(options.home()).isSet()) {
      throw new IOException("refusing to serve the web interface on " + gui.getHostString()
          + " without a password: run 'swarmsync password set --home " + options.home().home()
          + "' first, or use a loopback address");
    }
    HomeLayout home = options.home().create();
    HomeLock lock = HomeLock.tryAcquire(home).orElseThrow(() -> new IOException(
        "home " + home.home() + " is locked by a running daemon"));
    Node node = null;
    try {
      DeviceCertificate certificate = DeviceCertificate.loadOrCreate(home.home());
      SqliteIndexStore index = SqliteIndexStore.open(home.index());
      node = new Node(options, lock, certificate, index, ConfigStore.open(home));
      node.startServices();
      return node;
    } catch (IOException | RuntimeException e) {
      if (node != null) {
        node.close();
      } else {
        lock.close();
      }
      throw e;
    }
  }

  private void startServices() throws IOException {
    LOG.info("device {}", deviceId);
    inviteStore = SqliteInviteStore.open(home.index());
    invites = new InviteDesk(new InviteBook(inviteStore, Clock.systemUTC(), new SecureRandom()),
        this::folderKey);
    inviteControl = new InviteControl(invites, config, this::announceChanges,
        address -> finder.dialManual(address), links::all, this::addFolder);
    List<String> configured = new ArrayList<>();
    for (FolderConfig folder : config.current().folders()) {
      if (folder.isPaused()) {
        configured.add(FolderKey.parse(folder.key()).folderId());
        LOG.info("folder {} is paused", folder.path());
      } else {
        configured.add(startFolder(folder));
      }
    }
    for (FolderRow row : index.folders()) {
      if (!configured.contains(row.folderId())) {
        LOG.info("forgetting folder {} at {}: no longer configured", row.folderId(), row.path());
        index.removeFolder(row.folderId());
      }
    }
    addressCache = new CacheSource(home.home().resolve(PeerSources.ADDRESS_CACHE_FILE));
    connections = new ConnectionManager(certificate, options.listen(), this::connected);
    InetSocketAddress listening = connections.start();
    listenPort = listening.getPort();
    LOG.info("listening for peers on {}", listening);
    IntSupplier publicPort = startPortMapping(listening.getPort());
    startTrackerServer();
    relays.start(options, certificate, connections, index, folders::keySet);
    finder = new PeerFinder(PeerSources.build(options, listening, addressCache),
        connections::dial);
    for (String peer : options.peers()) {
      finder.dialManual(DaemonOptions.parseAddress(peer));
    }
    for (FolderConfig folder : config.current().folders()) {
      if (!folder.isPaused()) {
        folder.peers().forEach(p -> finder.dialManual(DaemonOptions.parseAddress(p)));
      }
    }
    announcedIds = announced();
    finder.start(new LocalNode(deviceId, listening.getPort(), publicPort), announcedIds);
    timers.scheduleWithFixedDelay(this::announceChanges, INVITE_EXPIRY_CHECK.toSeconds(),
        INVITE_EXPIRY_CHECK.toSeconds(), TimeUnit.SECONDS);
    LOG.info("discovery: {}", finder.runningSources());
    api = new ApiServer(this, ApiKeyFile.loadOrCreate(home), new PasswordFile(home),
        options.guiTls() ? TlsContexts.forWebServer(certificate) : null);
    InetSocketAddress bound = api.start(options.gui());
    writeDaemonState(bound);
    LOG.info("REST API on {}://{}:{}", options.guiTls() ? "https" : "http",
        bound.getHostString(), bound.getPort());
  }

  /**
   * Maps the listen port on the default gateway unless {@code --no-upnp} (bounded: a few
   * seconds at most, nothing without a gateway); returns where discovery reads the port to
   * announce beyond our networks, which follows the mapping as it is renewed, moves or lapses.
   */
  private IntSupplier startPortMapping(int port) throws IOException {
    if (!options.upnp()) {
      LOG.info("port mapping off (--no-upnp)");
      return () -> port;
    }
    MappingRenewer renewer = MappingRenewer.forDefaultGateway(
        InetAddress.getByName(options.listen().getHostString()), port, options.dht(),
        Clock.systemUTC());
    portMapping = renewer;
    renewer.start();
    return renewer::advertisedPort;
  }

  /** Serves a BitTorrent tracker (HTTP and UDP) on {@code --serve-tracker}, if given. */
  private void startTrackerServer() throws IOException {
    InetSocketAddress bind = options.serveTracker();
    if (bind == null) {
      return;
    }
    trackerServer = new TrackerServer(new InetSocketAddress(bind.getHostString(),
        bind.getPort()));
    trackerServer.start();
    LOG.info("serving a tracker at {} and {}", trackerServer.httpUrl(),
        trackerServer.udpUrl());
  }

  private String startFolder(FolderConfig folder) throws IOException {
    FolderKey key = FolderKey.parse(folder.key());
    String folderId = key.folderId();
    if (index.folder(folderId).isEmpty()) {
      index.addFolder(new FolderRow(folderId, folder.path(), key.encode(),
          key.kind().jsonName(), new SecureRandom().nextLong(), 0, false));
    }
    Path root = Path.of(folder.path());
    SharedFolder shared;
    if (key.kind() == KeyKind.ENCRYPTED) {
      EncryptedHost host = new EncryptedHost(folderId, root, index, links,
          this::localRecordsChanged);
      shared = new SharedFolder(key, null, null, host);
      folders.put(folderId, shared);
      host.start();
    } else {
      shared = startMemberFolder(key, root);
    }
    links.all().forEach(l -> l.sendJoin(shared));
    LOG.info("folder {} at {} ({})", folderId, root, key.kind().jsonName());
    return folderId;
  }

  /** A folder of an A or B key: the sync engine, signing what it authors if it may write. */
  private SharedFolder startMemberFolder(FolderKey key, Path root) throws IOException {
    String folderId = key.folderId();
    byte[] discoveryId = key.discoveryId();
    byte[] publicKey = key.canWrite() ? key.signer().publicKey()
        : learnedPublicKey(key);
    MemberEncryption crypto = new MemberEncryption(key, publicKey);
    RecordSigner signer = RecordSigner.NONE;
    if (key.canWrite()) {
      var folderSigner = key.signer();
      signer = r -> MemberEncryption.signEncrypted(crypto.cipher(), discoveryId, folderSigner,
          r.withSignature(folderSigner.sign(CanonicalRecord.bytes(discoveryId, r))));
    }
    RecordVerifier verifier = publicKey == null ? null
        : new RecordVerifier(discoveryId, publicKey);
    FolderSync sync = new FolderSync(new FolderSync.Parts(folderId, root, new NioFolderFs(root),
        index, deviceId.shortId(), signer, verifier, path -> false, hashPool, links,
        this::localRecordsChanged, Clock.systemUTC(), options.fullRescanInterval()));
    SharedFolder shared = new SharedFolder(key, sync, crypto, null);
    folders.put(folderId, shared);
    sync.start();
    return shared;
  }

  /** The public key a read-only node stored when it learned it, if it still matches fp. */
  private byte[] learnedPublicKey(FolderKey key) {
    byte[] learned = index.publicKey(key.folderId());
    return learned.length > 0 && SignatureVerifier.publicKeyMatches(learned, key.fingerprint())
        ? learned : null;
  }

  /** A peer showed the folder's public key (checked against fp): keep it for verifying. */
  private void publicKeyLearnt(SharedFolder folder, byte[] publicKey) {
    if (folder.key().canWrite()) {
      return;
    }
    if (folder.encryptedHost()) {
      folder.host().setPublicKey(publicKey);
      return;
    }
    folder.sync().setVerifier(new RecordVerifier(folder.discoveryId(), publicKey));
    if (folder.crypto().publicKey().isEmpty()) {
      folder.crypto().setPublicKey(publicKey);
    }
  }

  private void localRecordsChanged(String folderId) {
    links.all().forEach(l -> l.localRecordsChanged(folderId));
  }

  /** A new authenticated connection: becomes a link with a session of its own. */
  private void connected(PeerConnection connection) {
    if (connection.outbound() && !connection.relayed()) {
      addressCache.worked(connection.remoteAddress());
    }
    int number = index.deviceNumber(connection.peer());
    PeerLink link = new PeerLink(connection, number, new PeerLink.Folders() {
      @Override
      public SharedFolder byDiscoveryId(byte[] discoveryId) {
        return folders.get(swarmsync.util.Hex.encode(discoveryId));
      }

      @Override
      public List<SharedFolder> all() {
        return List.copyOf(folders.values());
      }

      @Override
      public void linkClosed(PeerLink closed) {
        links.remove(closed);
      }

      @Override
      public void peerJoined(PeerLink joinedLink, SharedFolder folder) {
        exchange.peerJoined(folder);
      }

      @Override
      public void peersExchanged(PeerLink from, List<PeerAddress> addresses) {
        exchange.received(from.describe(), addresses);
      }

      @Override
      public void publicKeyLearnt(SharedFolder folder, byte[] publicKey) {
        Node.this.publicKeyLearnt(folder, publicKey);
      }
    }, invites, disk);
    PeerSession session = new PeerSession(link.describe(), connection.in(), connection.out(),
        link, Clock.systemUTC(), timers);
    link.attach(session);
    links.add(link, session);
    // An inbound connection reached us at our listen port, even before listenPort is set.
    int port = connection.outbound() ? listenPort : connection.localAddress().getPort();
    if (portMapping != null) {
      port = portMapping.portFor(connection.remoteAddress().getAddress(), port);
    }
    session.start(link.hello(deviceId.shortName(), port));
  }

  /** An address a peer told us of: dialed unless the finder has dialed it already. */
  private void dialExchanged(InetSocketAddress address) {
    PeerFinder current = finder;
    if (current != null) {
      current.dialExchanged(address);
    }
  }

  private void writeDaemonState(InetSocketAddress bound) throws IOException {
    DaemonState state = new DaemonState(bound.getHostString() + ":" + bound.getPort(),
        ProcessHandle.current().pid(), deviceId.toString(), options.guiTls() ? "https" : "http",
        options.guiTls() ? HexFormat.of().formatHex(certificate.certificateHash()) : null);
    Path tmp = home.daemonState().resolveSibling("daemon.json.tmp");
    Json.mapper().writeValue(tmp.toFile(), state);
    Files.move(tmp, home.daemonState(), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public StatusView status() {
    List<FolderStatusView> list = new ArrayList<>();
    for (FolderConfig folder : config.current().folders()) {
      FolderKey key = FolderKey.parse(folder.key());
      SharedFolder shared = folders.get(key.folderId());
      if (shared == null) {
        if (folder.isPaused()) {
          list.add(pausedStatus(folder, key));
        }
        continue;
      }
      List<PeerView> peers = new ArrayList<>();
      boolean allIndexes = true;
      for (PeerLink link : links.all()) {
        if (link.hasJoined(key.folderId())) {
          peers.add(new PeerView(link.peer().toString(), link.connection().remoteAddress()
              .getAddress().getHostAddress() + ":" + link.connection().remoteAddress().getPort(),
              connectionType(link.connection()), foundBy(link.connection()), link.bytesIn(),
              link.bytesOut(), link.indexComplete(key.folderId())));
          allIndexes &= link.indexComplete(key.folderId());
        }
      }
      if (shared.encryptedHost()) {
        list.add(EncryptedStatus.view(folder.path(), key, shared.host(), peers, allIndexes));
        continue;
      }
      FolderSync sync = shared.sync();
      FileCounts counts = sync.localCounts();
      boolean inSync = allIndexes && sync.needFiles() == 0 && sync.needBytes() == 0
          && sync.initialScanDone();
      list.add(new FolderStatusView(folder.path(), key.folderId(), key.kind().jsonName(),
          counts.files() + counts.symlinks(), counts.directories(), counts.bytes(),
          sync.needFiles(), sync.needBytes(), peers, inSync, sync.state().jsonName(),
          sync.error(), sync.locallyChangedFiles(), firstErrors(sync.fileErrors())));
    }
    return new StatusView(deviceId.toString(), list, portMappingView());
  }

  private PortMappingView portMappingView() {
    if (portMapping == null) {
      return null;
    }
    return portMapping.current().map(this::portMappingView).orElse(null);
  }

  private PortMappingView portMappingView(PortMapping m) {
    return new PortMappingView(m.protocol(), m.externalAddress().getHostAddress(),
        m.externalPort(), m.internalPort(),
        m.permanent() ? null : m.leaseLeft(Instant.now()).toSeconds(),
        portMapping.currentUdp().map(PortMapping::externalPort).orElse(null));
  }

  private static Map<String, String> firstErrors(Map<String, String> errors) {
    if (errors.size() <= FolderStatusView.MAX_FILE_ERRORS) {
      return errors;
    }
    java.util.TreeMap<String, String> first = new java.util.TreeMap<>(errors);
    while (first.size() > FolderStatusView.MAX_FILE_ERRORS) {
      first.pollLastEntry();
    }
    return first;
  }

  private FolderStatusView pausedStatus(FolderConfig folder, FolderKey key) {
    FileCounts counts = index.counts(key.folderId(), SqliteIndexStore.LOCAL);
    return new FolderStatusView(folder.path(), key.folderId(), key.kind().jsonName(),
        counts.files() + counts.symlinks(), counts.directories(), counts.bytes(), 0, 0,
        List.of(), false, PAUSED_STATE, "", 0);
  }

  private String foundBy(PeerConnection c) {
    if (c.relayed()) {
      return NodeRelays.FOUND_BY_RELAY;
    }
    return finder == null ? PeerFinder.MANUAL
        : finder.foundBy(c.peer(), c.remoteAddress(), c.outbound(), connections::deviceAt);
  }

  private String connectionType(PeerConnection c) {
    if (c.relayed()) {
      return "relay";
    }
    if (portMapping != null && !c.outbound()
        && portMapping.cameThroughMapping(c.localAddress(), c.remoteAddress())) {
      return "mapped";
    }
    InetAddress a = c.remoteAddress().getAddress();
    return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() ? "lan"
        : "direct";
  }

  @Override
  public List<FolderView> folders() {
    List<FolderView> list = new ArrayList<>();
    for (FolderConfig folder : config.current().folders()) {
      FolderKey key = FolderKey.parse(folder.key());
      list.add(new FolderView(folder.path(), key.folderId(), key.kind().jsonName(),
          folder.peers(), folder.isPaused()));
    }
    return list;
  }

  @Override
  public synchronized FolderView addFolder(String path, String key, List<String> peers)
      throws ConfigException, IOException {
    FolderConfig added = config.addFolder(Path.of(path), key, peers);
    startFolder(added);
    announceChanges();
    relays.folderSetChanged();
    added.peers().forEach(p -> finder.dialManual(DaemonOptions.parseAddress(p)));
    FolderKey parsed = FolderKey.parse(added.key());
    return new FolderView(added.path(), parsed.folderId(), parsed.kind().jsonName(),
        added.peers(), added.isPaused());
  }

  @Override
  public synchronized void removeFolder(String path, boolean deleteFiles)
      throws ConfigException, IOException {
    FolderConfig removed = config.removeFolder(Path.of(path));
    String folderId = FolderKey.parse(removed.key()).folderId();
    SharedFolder shared = folders.remove(folderId);
    if (shared != null) {
      shared.close();
    }
    announceChanges();
    relays.folderSetChanged();
    index.removeFolder(folderId);
    if (deleteFiles) {
      FileTrees.delete(Path.of(removed.path()));
    }
    LOG.info("folder {} at {} removed{}", folderId, removed.path(),
        deleteFiles ? " with its files" : "");
  }

  @Override
  public void rescan(String path) throws ConfigException {
    folderAt(path).rescan();
  }

  @Override
  public List<ArchivedView> archive(String folderPath) throws ConfigException, IOException {
    List<ArchivedView> views = new ArrayList<>();
    for (ArchivedVersion v : folderAt(folderPath).archivedVersions()) {
      views.add(new ArchivedView(v.archivedPath(), v.originalPath(), v.archivedAt().toString(),
          v.size()));
    }
    return views;
  }

  @Override
  public String restore(String folderPath, String archivedPath)
      throws ConfigException, IOException {
    return folderAt(folderPath).restore(archivedPath);
  }

  @Override
  public synchronized void pause(String path) throws ConfigException, IOException {
    FolderConfig paused = config.setPaused(Path.of(path), true);
    SharedFolder shared = folders.remove(FolderKey.parse(paused.key()).folderId());
    if (shared != null) {
      shared.close();
      announceChanges();
      LOG.info("folder {} paused", paused.path());
    }
  }

  @Override
  public synchronized void resume(String path) throws ConfigException, IOException {
    FolderConfig resumed = config.setPaused(Path.of(path), false);
    if (!folders.containsKey(FolderKey.parse(resumed.key()).folderId())) {
      startFolder(resumed);
      announceChanges();
      resumed.peers().forEach(p -> finder.dialManual(DaemonOptions.parseAddress(p)));
      LOG.info("folder {} resumed", resumed.path());
    }
  }

  @Override
  public List<ConflictView> conflicts(String folderPath) throws ConfigException, IOException {
    String absolute = Path.of(folderPath).toAbsolutePath().normalize().toString();
    FolderConfig folder = config.current().folders().stream()
        .filter(f -> f.path().equals(absolute)).findFirst()
        .orElseThrow(() -> new ConfigException("no shared folder at " + absolute));
    return ConflictCopies.list(Path.of(folder.path()));
  }

  @Override
  public SettingsView settings() {
    NodeConfig current = config.current();
    var d = current.discovery();
    return new SettingsView(current.listen() == null ? DaemonCommand.DEFAULT_LISTEN
        : current.listen(), options.listen().getHostString() + ":" + listenPort,
        new SettingsView.Discovery(d.lanOn(), d.trackerOn(), d.dhtOn()),
        new SettingsView.Discovery(options.lan(), options.trackers(), options.dht()),
        new PasswordFile(home).isSet());
  }

  @Override
  public SettingsView updateSettings(Boolean lan, Boolean tracker, Boolean dht, String listen)
      throws ConfigException, IOException {
    config.updateSettings(lan, tracker, dht, listen);
    LOG.info("settings changed; they take effect at the next start");
    return settings();
  }

  @Override
  public List<LocalChangeView> localChanges(String folderPath) throws ConfigException {
    List<LocalChangeView> views = new ArrayList<>();
    for (LocalChange c : folderAt(folderPath).localChanges()) {
      views.add(new LocalChangeView(c.path(), c.kind().jsonName(),
          c.type().name().toLowerCase(Locale.ROOT), c.size()));
    }
    return views;
  }

  @Override
  public RevertView revert(String folderPath) throws ConfigException, IOException {
    FolderSync sync = folderAt(folderPath);
    RevertResult result = sync.revertLocalChanges();
    return new RevertView(sync.root().toString(), result.reverted(), result.kept());
  }

  @Override
  public FolderKeysView keys(String folderPath) throws ConfigException {
    SharedFolder shared = sharedAt(folderPath);
    List<FolderKeysView.KeyView> keys = new ArrayList<>();
    for (FolderKey k : HandOutKeys.of(shared.key())) {
      keys.add(new FolderKeysView.KeyView(k.kind().jsonName(), k.encode()));
    }
    return new FolderKeysView(Path.of(folderPath).toAbsolutePath().normalize().toString(),
        shared.folderId(), keys);
  }

  /** Folder and pending-invite discovery ids: what discovery announces and looks up. */
  private Set<String> announced() {
    Set<String> ids = new HashSet<>(folders.keySet());
    ids.addAll(invites.discoveryIds());
    return Set.copyOf(ids);
  }

  /** Gives the finder the discovery ids again if folders or pending invites changed. */
  private synchronized void announceChanges() {
    Set<String> now = announced();
    if (finder != null && !now.equals(announcedIds)) {
      announcedIds = now;
      finder.announce(now);
    }
  }

  private Optional<FolderKey> folderKey(String folderId) {
    SharedFolder shared = folders.get(folderId);
    return shared == null ? Optional.empty() : Optional.of(shared.key());
  }

  @Override
  public InviteView createInvite(String folderPath, boolean readOnly, Duration lifetime)
      throws ConfigException {
    return inviteControl.create(sharedAt(folderPath).key(), readOnly, lifetime);
  }

  @Override
  public List<InviteView> invites() {
    return inviteControl.list();
  }

  @Override
  public InviteView revokeInvite(String id) throws ConfigException {
    return inviteControl.revoke(id);
  }

  /** Not synchronized: waiting for the issuer must not hold up the node. */
  @Override
  public FolderView acceptInvite(String keyText, String path, List<String> peers,
      Duration timeout) throws ConfigException, IOException {
    return inviteControl.accept(keyText, path, peers, timeout);
  }

  private FolderSync folderAt(String path) throws ConfigException {
    SharedFolder shared = sharedAt(path);
    if (shared.sync() == null) {
      throw new ConfigException("the folder at " + path + " is an encrypted host: it holds"
          + " only ciphertext");
    }
    return shared.sync();
  }

  private SharedFolder sharedAt(String path) throws ConfigException {
    String absolute = Path.of(path).toAbsolutePath().normalize().toString();
    return config.current().folders().stream()
        .filter(f -> f.path().equals(absolute))
        .map(f -> folders.get(FolderKey.parse(f.key()).folderId()))
        .filter(Objects::nonNull).findFirst()
        .orElseThrow(() -> new ConfigException("no shared folder at " + absolute));
  }

  /** True when every folder has finished its first scan. */
  public boolean initialScansDone() {
    return folders.values().stream().allMatch(SharedFolder::initialScanDone);
  }

  @Override
  public void shutdown() {
    stopped.countDown();
  }

  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopped.countDown();
    if (api != null) {
      api.close();
      api = null;
    }
    if (finder != null) {
      finder.close();
    }
    if (portMapping != null) {
      portMapping.close();
    }
    if (trackerServer != null) {
      trackerServer.close();
    }
    relays.close();
    if (connections != null) {
      connections.close();
    }
    links.closeAll("node stopping");
    folders.values().forEach(SharedFolder::close);
    folders.clear();
    hashPool.shutdownNow();
    disk.shutdownNow();
    timers.shutdownNow();
    try {
      if (inviteStore != null) {
        inviteStore.close();
      }
      index.close();
    } catch (IOException e) {
      LOG.warn("{}", e.getMessage());
    }
    try {
      Files.deleteIfExists(home.daemonState());
    } catch (IOException e) {
      LOG.warn("removing {}: {}", home.daemonState(), e.getMessage());
    }
    lock.close();
  }
}
