package swarmsync.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.keys.FolderKey;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.SignatureVerifier;
import swarmsync.keys.Transcript;
import swarmsync.net.PeerConnection;
import swarmsync.protocol.IndexBatcher;
import swarmsync.protocol.Message;
import swarmsync.protocol.PeerListener;
import swarmsync.protocol.PeerSession;
import swarmsync.record.DeviceId;
import swarmsync.record.FileRecord;
import swarmsync.sync.RecordVerifier;

/**
 * This node's side of one connection to one device: exchanges Hellos, proves and checks
 * folder membership with session-bound proofs, then trades index records and chunks for every
 * folder both sides proved. Nothing of a folder is sent before the peer proved it holds it.
 */
final class PeerLink implements PeerListener {
  /** Records per Index or IndexUpdate message batch read from the index. */
  private static final int INDEX_BATCH = 2000;

  private static final Logger LOG = LoggerFactory.getLogger(PeerLink.class);

  private final PeerConnection connection;
  private final int deviceNumber;
  private final Folders folders;
  private final Invites invites;
  private final AtomicBoolean redeemInFlight = new AtomicBoolean();
  private final ExecutorService sender;
  private final ExecutorService disk;
  private final byte[] localNonce = new byte[Transcript.NONCE_BYTES];
  private final Map<String, SharedFolder> joined = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> sentSequence = new ConcurrentHashMap<>();
  private final Map<String, Boolean> indexComplete = new ConcurrentHashMap<>();
  /** Folders whose join this side sent and the peer refused (it lacked the folder then). */
  private final Set<String> refusedJoins = ConcurrentHashMap.newKeySet();
  /** Folders the peer joined as an encrypted host (no read proof): it gets only ciphertext. */
  private final Map<String, Boolean> peerEncrypted = new ConcurrentHashMap<>();
  private final AtomicLong bytesIn = new AtomicLong();
  private final AtomicLong bytesOut = new AtomicLong();
  private final ExchangePacing pacing = new ExchangePacing(Clock.systemUTC());
  private volatile byte[] peerNonce;
  private volatile int peerListenPort;
  private volatile PeerSession session;

  /** The node's folders, as a link looks them up. */
  interface Folders {
    SharedFolder byDiscoveryId(byte[] discoveryId);

    List<SharedFolder> all();

    void linkClosed(PeerLink link);

    /** The peer proved it holds {@code folder} and may now trade it on this link. */
    void peerJoined(PeerLink link, SharedFolder folder);

    /** The peer told us where other peers of a folder we both joined listen. */
    void peersExchanged(PeerLink link, List<Message.PeerAddress> addresses);

    /** A peer sent the folder's public key P, already checked against fp. */
    void publicKeyLearnt(SharedFolder folder, byte[] publicKey);
  }

  /** The node's one-time keys, as a link meets them: issued here or being accepted here. */
  interface Invites {
    /** Issuer: the answer to a redemption on a session this side sees as {@code ours}. */
    Message.InviteResult answer(Message.InviteRedeem redeem, Transcript ours, DeviceId newcomer);

    /** Newcomer: the peer's Hello arrived, so redemptions can be sent on this link. */
    void linkReady(PeerLink link);

    /** Newcomer: a peer answered a redemption this side sent. */
    void resultArrived(PeerLink link, Message.InviteResult result, Transcript ours);
  }

  PeerLink(PeerConnection connection, int deviceNumber, Folders folders, Invites invites,
      ExecutorService disk) {
    this.connection = connection;
    this.deviceNumber = deviceNumber;
    this.folders = folders;
    this.invites = invites;
    this.disk = disk;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "index-sender " + connection.peer().shortName());
      t.setDaemon(true);
      return t;
    });
    new SecureRandom().nextBytes(localNonce);
  }

  void attach(PeerSession session) {
    this.session = session;
  }

  /** Our Hello, naming the TCP port we accept peers on (0: none). */
  Message.Hello hello(String deviceName, int listenPort) {
    return new Message.Hello(deviceName, "swarmsync", "0.1.0", localNonce.clone(),
        System.currentTimeMillis(), listenPort);
  }

  /** Where the peer accepts connections: its remote IP and its Hello's port, if it gave one. */
  Optional<InetSocketAddress> listenAddress() {
    int port = peerListenPort;
    return port == 0 ? Optional.empty()
        : Optional.of(new InetSocketAddress(connection.remoteAddress().getAddress(), port));
  }

  ExchangePacing pacing() {
    return pacing;
  }

  /** Queues a PeerExchange after what is already queued; false if the link is closing. */
  boolean sendExchange(Message.PeerExchange exchange) {
    if (connection.isClosed()) {
      return false;
    }
    try {
      sendAsync(exchange);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  DeviceId peer() {
    return connection.peer();
  }

  int deviceNumber() {
    return deviceNumber;
  }

  PeerConnection connection() {
    return connection;
  }

  boolean hasJoined(String folderId) {
    return joined.containsKey(folderId);
  }

  boolean indexComplete(String folderId) {
    return indexComplete.getOrDefault(folderId, false);
  }

  long bytesIn() {
    return bytesIn.get();
  }

  long bytesOut() {
    return bytesOut.get();
  }

  @Override
  public void onHello(PeerSession s, Message.Hello hello) {
    if (hello.sessionNonce().length != Transcript.NONCE_BYTES) {
      s.close("session nonce must be " + Transcript.NONCE_BYTES + " bytes");
      return;
    }
    peerNonce = hello.sessionNonce().clone();
    peerListenPort = hello.listenPort();
    for (SharedFolder folder : folders.all()) {
      sendJoin(folder);
    }
    invites.linkReady(this);
  }

  /**
   * Sends a redemption of {@code invite}, proving knowledge of its token in this session;
   * false when the peer's Hello has not arrived yet (then {@link Invites#linkReady} follows).
   */
  boolean sendInviteRedeem(FolderKey invite) {
    if (peerNonce == null) {
      return false;
    }
    Transcript t = transcript(invite.discoveryId());
    sendAsync(new Message.InviteRedeem(invite.discoveryId(),
        JoinProofs.inviteProof(invite.inviteProofKey(), t)));
    return true;
  }

  /** Answers a redemption off the reader thread, one at a time per link (the rest dropped). */
  @Override
  public void onInviteRedeem(PeerSession s, Message.InviteRedeem redeem) {
    if (!redeemInFlight.compareAndSet(false, true)) {
      LOG.warn("ignoring an InviteRedeem from {}: its previous one is still being answered",
          describe());
      return;
    }
    Transcript ours = transcript(redeem.discoveryId());
    try {
      disk.execute(() -> {
        try {
          sendAsync(invites.answer(redeem, ours, connection.peer()));
        } catch (RejectedExecutionException e) {
          LOG.debug("not answering {}'s InviteRedeem: the link is closing", describe());
        } finally {
          redeemInFlight.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      redeemInFlight.set(false);
    }
  }

  @Override
  public void onInviteResult(PeerSession s, Message.InviteResult result) {
    invites.resultArrived(this, result, transcript(result.discoveryId()));
  }

  /** Offers a folder to the peer (also called when a folder is added while connected). */
  void sendJoin(SharedFolder folder) {
    if (peerNonce == null) {
      return;
    }
    FolderKey key = folder.key();
    Transcript t = transcript(folder.discoveryId());
    // A node that cannot write passes on the public key it learned (checked against the
    // fingerprint), so members reached only through it can verify the records it relays.
    byte[] publicKey = folder.knownPublicKey()
        .orElseGet(() -> folder.sync() == null ? new byte[0] : folder.sync().publicKey());
    byte[] read = key.canReadPlaintext() ? JoinProofs.readProof(key.readKey(), t) : new byte[0];
    byte[] write = key.canWrite() ? JoinProofs.writeProof(key.signer(), t) : new byte[0];
    sendAsync(new Message.FolderJoin(folder.discoveryId(), publicKey,
        JoinProofs.memberProof(key.memberKey(), t), read, write, 0, 0));
  }

  private Transcript transcript(byte[] discoveryId) {
    return new Transcript(discoveryId, connection.localCertificateHash(),
        connection.peerCertificateHash(), localNonce, peerNonce);
  }

  @Override
  public void onFolderJoin(PeerSession s, Message.FolderJoin join) {
    SharedFolder folder = folders.byDiscoveryId(join.discoveryId());
    String refusal = folder == null ? "no such folder here" : checkProofs(folder, join);
    if (refusal != null) {
      LOG.warn("refused folder join from {}: {}", describe(), refusal);
      sendAsync(new Message.FolderJoinResult(join.discoveryId(), false, refusal));
      return;
    }
    if (join.publicKey().length > 0) {
      folders.publicKeyLearnt(folder, join.publicKey());
    }
    boolean encrypted = join.readProof().length == 0;
    if (encrypted && !folder.encryptedHost()) {
      peerEncrypted.put(folder.folderId(), true);
    }
    joined.put(folder.folderId(), folder);
    sentSequence.put(folder.folderId(), new AtomicLong());
    LOG.info("{} joined folder {}{}", describe(), folder.folderId(),
        encrypted ? " (encrypted)" : "");
    sendAsync(new Message.FolderJoinResult(join.discoveryId(), true, ""));
    if (refusedJoins.remove(folder.folderId())) {
      // The peer refused our join before it had the folder (added since, e.g. by an invite).
      sendJoin(folder);
    }
    sender.execute(() -> sendRecords(folder, true));
    folder.schedulePull();
    folders.peerJoined(this, folder);
  }

  /** Why the proofs in {@code join} fail for this session, or null when they hold. */
  private String checkProofs(SharedFolder folder, Message.FolderJoin join) {
    FolderKey key = folder.key();
    Transcript theirs = transcript(folder.discoveryId()).swapped();
    if (!JoinProofs.verifyMember(key.memberKey(), theirs, join.memberProof())) {
      return "membership proof does not hold for this session (wrong key or replayed)";
    }
    if (join.readProof().length > 0 && key.canReadPlaintext()
        && !JoinProofs.verifyRead(key.readKey(), theirs, join.readProof())) {
      return "read proof does not hold";
    }
    if (join.publicKey().length > 0
        && !SignatureVerifier.publicKeyMatches(join.publicKey(), key.fingerprint())) {
      return "public key does not match the folder's fingerprint";
    }
    if (join.writeProof().length > 0) {
      if (join.publicKey().length == 0) {
        return "write proof without a public key";
      }
      if (!JoinProofs.verifyWrite(join.publicKey(), theirs, join.writeProof())) {
        return "write proof does not hold";
      }
    }
    return null;
  }

  @Override
  public void onFolderJoinResult(PeerSession s, Message.FolderJoinResult result) {
    if (!result.accepted()) {
      LOG.warn("{} refused our join: {}", describe(), result.reason());
      refusedJoins.add(swarmsync.util.Hex.encode(result.discoveryId()));
    }
  }

  @Override
  public void onIndex(PeerSession s, Message.Index index) {
    SharedFolder folder = plaintextFolder(index.discoveryId(), "Index");
    if (folder != null) {
      folder.sync().acceptRemote(deviceNumber, describe(), index.files());
      if (index.last() && indexComplete.put(folder.folderId(), true) == null) {
        LOG.info("folder {}: the whole index of {} has arrived", folder.folderId(), describe());
      }
    }
  }

  @Override
  public void onIndexUpdate(PeerSession s, Message.IndexUpdate update) {
    SharedFolder folder = plaintextFolder(update.discoveryId(), "IndexUpdate");
    if (folder != null) {
      folder.sync().acceptRemote(deviceNumber, describe(), update.files());
    }
  }

  @Override
  public CompletionStage<Message.Response> onRequest(PeerSession s, Message.Request request) {
    SharedFolder folder = joinedFolder(request.discoveryId(), "Request");
    if (folder == null) {
      return CompletableFuture.completedFuture(
          Message.Response.error(request.id(), Message.ResponseCode.NOT_ALLOWED));
    }
    if (request.encrypted() || folder.encryptedHost()
        || peerEncrypted.containsKey(folder.folderId())) {
      return serveEncrypted(folder, request);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        byte[] data = folder.sync().readChunk(request.path(), request.offset(), request.size(),
            request.hash());
        bytesOut.addAndGet(data.length);
        return Message.Response.ok(request.id(), data);
      } catch (IOException e) {
        LOG.debug("request from {} for {} failed: {}", describe(), request.path(),
            e.getMessage());
        return Message.Response.error(request.id(), Message.ResponseCode.NO_SUCH_FILE);
      }
    }, disk);
  }

  @Override
  public void onDownloadProgress(PeerSession s, Message.DownloadProgress progress) {
    // Swarming from partial files comes later; progress is accepted and ignored for now.
  }

  @Override
  public void onPeerExchange(PeerSession s, Message.PeerExchange exchange) {
    SharedFolder folder = joinedFolder(exchange.discoveryId(), "PeerExchange");
    if (folder == null) {
      return;
    }
    if (!pacing.admitIncoming(folder.folderId())) {
      LOG.debug("ignoring PeerExchange from {} for {}: less than {} after the last", describe(),
          folder.folderId(), ExchangePacing.MIN_INTERVAL);
      return;
    }
    LOG.debug("{} told us of {} peers of folder {}", describe(), exchange.addresses().size(),
        folder.folderId());
    folders.peersExchanged(this, exchange.addresses());
  }

  @Override
  public void onClosed(PeerSession s, String reason) {
    LOG.info("connection to {} closed: {}", describe(), reason);
    sender.shutdownNow();
    connection.close();
    folders.linkClosed(this);
  }

  /** Sends this device's records changed since the last send (called after local changes). */
  void localRecordsChanged(String folderId) {
    SharedFolder folder = joined.get(folderId);
    if (folder != null) {
      sender.execute(() -> sendRecords(folder, false));
    }
  }

  /** True when everything of this folder goes to the peer encrypted. */
  boolean encryptedWith(String folderId) {
    SharedFolder folder = joined.get(folderId);
    return folder != null && (folder.encryptedHost() || peerEncrypted.containsKey(folderId));
  }

  /** The folder as this link joined it, or null. */
  SharedFolder joined(String folderId) {
    return joined.get(folderId);
  }

  private void sendRecords(SharedFolder folder, boolean full) {
    if (encryptedWith(folder.folderId())) {
      encryptedSender().send(folder, full);
    } else {
      sendIndex(folder, full);
    }
  }

  private EncryptedLinkSide encryptedSender() {
    return new EncryptedLinkSide(session, sentSequence, this::describe);
  }

  @Override
  public void onEncryptedIndex(PeerSession s, Message.EncryptedIndex index) {
    SharedFolder folder = joinedFolder(index.discoveryId(), "EncryptedIndex");
    if (folder == null) {
      return;
    }
    if (!encryptedWith(folder.folderId())) {
      LOG.warn("ignoring EncryptedIndex from {} for folder {}: it joined as a member",
          describe(), folder.folderId());
      return;
    }
    EncryptedLinkSide.accept(folder, deviceNumber, describe(), index.files());
    if (index.last()) {
      indexComplete.put(folder.folderId(), true);
    }
  }

  /** A joined folder whose records may come in plaintext from this peer, else null. */
  private SharedFolder plaintextFolder(byte[] discoveryId, String what) {
    SharedFolder folder = joinedFolder(discoveryId, what);
    if (folder != null && encryptedWith(folder.folderId())) {
      LOG.warn("ignoring plaintext {} from {} for encrypted folder {}", what, describe(),
          folder.folderId());
      return null;
    }
    return folder;
  }

  private CompletionStage<Message.Response> serveEncrypted(SharedFolder folder,
      Message.Request request) {
    if (!request.encrypted()) {
      LOG.warn("refusing a plaintext request from {} for encrypted folder {}", describe(),
          folder.folderId());
      return CompletableFuture.completedFuture(
          Message.Response.error(request.id(), Message.ResponseCode.NOT_ALLOWED));
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        byte[] data = EncryptedLinkSide.readChunk(folder, request.hash(), request.size());
        bytesOut.addAndGet(data.length);
        return Message.Response.ok(request.id(), data);
      } catch (IOException e) {
        LOG.debug("encrypted request from {} failed: {}", describe(), e.getMessage());
        return Message.Response.error(request.id(), Message.ResponseCode.NO_SUCH_FILE);
      }
    }, disk);
  }

  void countReceived(long bytes) {
    bytesIn.addAndGet(bytes);
  }

  /**
   * Sends records page by page in sequence order: everything for a full index (the last page
   * marked last, so the peer knows it has all), or what changed since the last send.
   */
  private void sendIndex(SharedFolder folder, boolean full) {
    AtomicLong sent = sentSequence.get(folder.folderId());
    long after = full ? 0 : sent.get();
    try {
      while (true) {
        List<FileRecord> page = folder.sync().localRecordsSince(after, INDEX_BATCH);
        boolean last = page.size() < INDEX_BATCH;
        if (!page.isEmpty()) {
          after = page.get(page.size() - 1).sequence();
        }
        List<FileRecord> signed = page.stream().filter(r -> r.signature().length > 0).toList();
        if (full) {
          List<Message.Index> parts = IndexBatcher.index(folder.discoveryId(), signed);
          for (int i = 0; i < parts.size(); i++) {
            Message.Index part = parts.get(i);
            session.send(new Message.Index(part.discoveryId(), part.files(),
                last && i == parts.size() - 1));
          }
        } else {
          for (Message.IndexUpdate part : IndexBatcher.updates(folder.discoveryId(), signed)) {
            session.send(part);
          }
        }
        if (last) {
          break;
        }
      }
      sent.accumulateAndGet(after, Math::max);
    } catch (IOException e) {
      LOG.debug("sending index to {} stopped: {}", describe(), e.getMessage());
    }
  }

  private SharedFolder joinedFolder(byte[] discoveryId, String what) {
    SharedFolder folder = folders.byDiscoveryId(discoveryId);
    if (folder == null || !joined.containsKey(folder.folderId())) {
      LOG.warn("ignoring {} from {} for a folder it has not joined", what, describe());
      return null;
    }
    return folder;
  }

  private void sendAsync(Message message) {
    sender.execute(() -> {
      try {
        session.send(message);
      } catch (IOException e) {
        LOG.debug("sending to {} failed: {}", describe(), e.getMessage());
      }
    });
  }

  String describe() {
    return connection.peer().shortName() + "@" + connection.remoteAddress();
  }
}
