package swarmsync.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import swarmsync.keys.FolderKey;
import swarmsync.keys.FolderSigner;
import swarmsync.keys.JoinProofs;
import swarmsync.keys.Transcript;
import swarmsync.net.ConnectionManager;
import swarmsync.net.DeviceCertificate;
import swarmsync.net.PeerConnection;
import swarmsync.protocol.FrameCodec;
import swarmsync.protocol.Message;
import swarmsync.protocol.MessageType;
import swarmsync.protocol.PeerListener;
import swarmsync.protocol.PeerSession;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.ChunkRef;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.FileRecord;
import swarmsync.record.FileType;
import swarmsync.record.VersionVector;
import swarmsync.util.Hex;

/**
 * A hostile test client built from the project's own protocol and net classes: a device with
 * its own certificate that dials a real daemon over TLS 1.3, says Hello, joins one folder with
 * valid session-bound proofs for the key it holds, and then sends whatever Index and
 * IndexUpdate records a test crafts (unsigned, signed with a wrong key, altered after signing,
 * replayed, with bad paths) and answers chunk requests with whatever bytes the test chose.
 * It keeps every record the daemon announces, so a test can replay or alter real ones. With an
 * {@code E} key it joins as an encrypted host: it gets records and chunks only in encrypted
 * form, and sends back whatever encrypted records and ciphertext the test chose.
 *
 * <p>It is the counterpart the daemon really meets on the wire: no part of the daemon is
 * replaced, only the peer's software is "modified".
 */
final class HostilePeer implements PeerListener, AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Short id the peer signs its versions with; any number works, the daemon checks nothing. */
  static final long HOSTILE_DEVICE = 0x0BADC0DEL;

  private final FolderKey key;
  private final DeviceCertificate cert = DeviceCertificate.generate(new SecureRandom());
  private final ConnectionManager manager;
  private final LinkedBlockingQueue<PeerConnection> connections = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private final byte[] localNonce = new byte[Transcript.NONCE_BYTES];
  private final CompletableFuture<byte[]> peerNonce = new CompletableFuture<>();
  private final CompletableFuture<Message.FolderJoinResult> joinResult =
      new CompletableFuture<>();
  private final CompletableFuture<Message.FolderJoin> peerJoin = new CompletableFuture<>();
  private final Map<String, FileRecord> announced = new ConcurrentHashMap<>();
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final CompletableFuture<Boolean> indexComplete = new CompletableFuture<>();
  /** Encrypted records the daemon announced, by hex name id. */
  private final Map<String, EncryptedRecord> encryptedAnnounced = new ConcurrentHashMap<>();
  /** Ciphertext to answer encrypted requests with, by hex chunk id. */
  private final Map<String, byte[]> servedEncrypted = new ConcurrentHashMap<>();
  private final CompletableFuture<Boolean> encryptedIndexComplete = new CompletableFuture<>();
  private PeerConnection connection;
  private PeerSession session;

  private HostilePeer(FolderKey key) throws IOException {
    this.key = key;
    new SecureRandom().nextBytes(localNonce);
    this.manager = new ConnectionManager(cert,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections::add);
  }

  /**
   * Dials the daemon at {@code daemon}, exchanges Hellos and joins the folder of {@code key}
   * with valid proofs for that key (member and read proofs; a write proof for an A key).
   * Returns once the daemon accepted the join; fails if it refused.
   */
  static HostilePeer join(InetSocketAddress daemon, FolderKey key) throws Exception {
    return joinClaiming(daemon, key, null);
  }

  /**
   * Like {@link #join}, but the FolderJoin offers {@code publicKey} as the folder's key with
   * no write proof (null: the key's own public key if it is an A key, else none): what a
   * read-only node would send to make others verify records against a key of its own.
   */
  static HostilePeer joinClaiming(InetSocketAddress daemon, FolderKey key, byte[] publicKey)
      throws Exception {
    HostilePeer peer = new HostilePeer(key);
    try {
      peer.connect(daemon, publicKey);
      return peer;
    } catch (Exception e) {
      peer.close();
      throw e;
    }
  }

  private void connect(InetSocketAddress daemon, byte[] claimedKey) throws Exception {
    manager.start();
    manager.dial(daemon);
    connection = connections.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (connection == null) {
      throw new AssertionError("no TLS connection to " + daemon + " within " + WAIT);
    }
    session = new PeerSession("daemon@" + daemon, connection.in(), connection.out(), this,
        Clock.systemUTC(), timers);
    session.start(new Message.Hello("hostile", "hostile-test-peer", "0", localNonce.clone(),
        System.currentTimeMillis(), 0));
    byte[] theirNonce = peerNonce.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Transcript t = new Transcript(key.discoveryId(), connection.localCertificateHash(),
        connection.peerCertificateHash(), localNonce, theirNonce);
    byte[] publicKey = claimedKey != null ? claimedKey.clone()
        : key.canWrite() ? key.signer().publicKey() : new byte[0];
    byte[] read = key.canReadPlaintext() ? JoinProofs.readProof(key.readKey(), t) : new byte[0];
    byte[] write = key.canWrite() ? JoinProofs.writeProof(key.signer(), t) : new byte[0];
    session.send(new Message.FolderJoin(key.discoveryId(), publicKey,
        JoinProofs.memberProof(key.memberKey(), t), read, write, 0, 0));
    Message.FolderJoinResult result = joinResult.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!result.accepted()) {
      throw new AssertionError("the daemon refused the join: " + result.reason());
    }
    // An empty full index, as an honest peer with nothing would send: the daemon counts as
    // in sync only once every joined peer has announced its index. A host's is encrypted.
    if (key.canReadPlaintext()) {
      sendIndex(List.of());
    } else {
      sendEncryptedIndex(List.of(), true);
    }
  }

  // ---- As an encrypted host (E key) -----------------------------------------------------

  /** Waits until the daemon has sent its whole index of the folder in encrypted form. */
  HostilePeer awaitEncryptedIndex() throws Exception {
    encryptedIndexComplete.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  /** Every encrypted record the daemon announced, the latest per name id. */
  Map<String, EncryptedRecord> encryptedAnnounced() {
    return Map.copyOf(encryptedAnnounced);
  }

  /** Sends encrypted records as an EncryptedIndex. */
  void sendEncryptedIndex(List<EncryptedRecord> records, boolean last) throws IOException {
    session.send(new Message.EncryptedIndex(key.discoveryId(), records, last));
  }

  /** Asks the daemon for the ciphertext of one encrypted chunk. */
  CompletableFuture<Message.Response> requestEncrypted(EncryptedChunk chunk) {
    return session.request(new Message.Request(0, key.discoveryId(), "", 0, chunk.size(),
        chunk.id(), true));
  }

  /** Answers every encrypted request for chunk {@code id} with {@code ciphertext}. */
  void serveEncrypted(ChunkHash id, byte[] ciphertext) {
    servedEncrypted.put(id.toString(), ciphertext.clone());
  }

  /** Waits until the daemon has sent its whole index of the folder. */
  HostilePeer awaitIndex() throws Exception {
    indexComplete.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return this;
  }

  /** The latest record the daemon announced for {@code path}, or null. */
  FileRecord announced(String path) {
    return announced.get(path);
  }

  /** The folder public key the daemon sent in its FolderJoin (empty from a read-only node). */
  byte[] daemonPublicKey() throws Exception {
    return peerJoin.get(WAIT.toSeconds(), TimeUnit.SECONDS).publicKey();
  }

  /** Sends records as one full Index (marked last). */
  void sendIndex(List<FileRecord> records) throws IOException {
    session.send(new Message.Index(key.discoveryId(), records, true));
  }

  /** Sends records as an IndexUpdate. */
  void sendUpdate(List<FileRecord> records) throws IOException {
    session.send(new Message.IndexUpdate(key.discoveryId(), records));
  }

  /** Answers every request for {@code path} from {@code content} (whatever its hash says). */
  void serve(String path, byte[] content) {
    served.put(path, content.clone());
  }

  /** Asks the daemon for a chunk; the future holds its Response. */
  CompletableFuture<Message.Response> request(String path, long offset, int size,
      ChunkHash hash) {
    return session.request(Message.Request.of(key.discoveryId(), path, offset, size, hash));
  }

  /** Asks the daemon for a chunk of the folder {@code discoveryId}, joined or not. */
  CompletableFuture<Message.Response> requestIn(byte[] discoveryId, String path, long offset,
      int size, ChunkHash hash) {
    return session.request(Message.Request.of(discoveryId, path, offset, size, hash));
  }

  /**
   * Writes a frame header claiming {@code length} bytes (type byte + payload) of an Index
   * straight onto the TLS stream, past the session's own encoder, which would refuse it; no
   * payload follows.
   */
  void sendFrameHeader(int length) throws IOException {
    byte[] header = new byte[FrameCodec.HEADER_BYTES];
    java.nio.ByteBuffer.wrap(header).putInt(length)
        .put((byte) MessageType.INDEX.code());
    synchronized (connection.out()) {
      connection.out().write(header);
      connection.out().flush();
    }
  }

  boolean isClosed() {
    return session == null || session.isClosed();
  }

  // ---- Records a test crafts ------------------------------------------------------------

  /**
   * An unsigned record of a file with {@code content} (one chunk), version {@code counter} of
   * the hostile device; {@code path} goes on the wire exactly as given.
   */
  static FileRecord file(String path, byte[] content, long counter) {
    List<ChunkRef> chunks = content.length == 0 ? List.of()
        : List.of(new ChunkRef(0, content.length, ChunkHash.of(sha256(content))));
    return new FileRecord(path, FileType.FILE, content.length, 1_700_000_000_000_000_000L
        + counter, 0644, false, VersionVector.of(new long[] {HOSTILE_DEVICE},
        new long[] {counter}), counter, HOSTILE_DEVICE, chunks, "", new byte[0]);
  }

  /** An unsigned symlink record pointing at {@code target}. */
  static FileRecord symlink(String path, String target, long counter) {
    return new FileRecord(path, FileType.SYMLINK, 0, 1_700_000_000_000_000_000L + counter, 0777,
        false, VersionVector.of(new long[] {HOSTILE_DEVICE}, new long[] {counter}), counter,
        HOSTILE_DEVICE, List.of(), target, new byte[0]);
  }

  /** {@code record} signed with {@code signer} for this peer's folder. */
  FileRecord signedWith(FolderSigner signer, FileRecord record) {
    return record.withSignature(signer.sign(CanonicalRecord.bytes(key.discoveryId(), record)));
  }

  /** {@code record} signed with the folder key this peer holds (an A key). */
  FileRecord signed(FileRecord record) {
    return signedWith(key.signer(), record);
  }

  /** A newer version of a record the daemon announced: same path, counter bumped here. */
  static FileRecord newerThan(FileRecord base, byte[] content) {
    FileRecord f = file(base.path(), content, 1);
    return new FileRecord(f.path(), f.type(), f.size(), f.mtimeNanos(), f.permissions(), false,
        base.version().bump(HOSTILE_DEVICE), f.sequence(), HOSTILE_DEVICE, f.chunks(), "",
        new byte[0]);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- PeerListener: what the daemon sends ----------------------------------------------

  @Override
  public void onHello(PeerSession s, Message.Hello hello) {
    peerNonce.complete(hello.sessionNonce().clone());
  }

  @Override
  public void onFolderJoin(PeerSession s, Message.FolderJoin join) {
    // The daemon's join is not answered: it needs nothing from us to accept ours.
    peerJoin.complete(join);
  }

  @Override
  public void onFolderJoinResult(PeerSession s, Message.FolderJoinResult result) {
    joinResult.complete(result);
  }

  @Override
  public void onIndex(PeerSession s, Message.Index index) {
    index.files().forEach(f -> announced.put(f.path(), f));
    if (index.last()) {
      indexComplete.complete(true);
    }
  }

  @Override
  public void onIndexUpdate(PeerSession s, Message.IndexUpdate update) {
    update.files().forEach(f -> announced.put(f.path(), f));
  }

  @Override
  public CompletionStage<Message.Response> onRequest(PeerSession s, Message.Request request) {
    if (request.encrypted()) {
      byte[] ciphertext = servedEncrypted.get(request.hash().toString());
      return CompletableFuture.completedFuture(ciphertext == null
          ? Message.Response.error(request.id(), Message.ResponseCode.NO_SUCH_FILE)
          : Message.Response.ok(request.id(), ciphertext.clone()));
    }
    byte[] content = served.get(request.path());
    if (content == null || request.offset() >= content.length) {
      return CompletableFuture.completedFuture(
          Message.Response.error(request.id(), Message.ResponseCode.NO_SUCH_FILE));
    }
    int from = (int) request.offset();
    int to = Math.min(content.length, from + request.size());
    return CompletableFuture.completedFuture(
        Message.Response.ok(request.id(), Arrays.copyOfRange(content, from, to)));
  }

  @Override
  public void onEncryptedIndex(PeerSession s, Message.EncryptedIndex index) {
    index.files().forEach(f -> encryptedAnnounced.put(Hex.encode(f.nameId()), f));
    if (index.last()) {
      encryptedIndexComplete.complete(true);
    }
  }

  @Override
  public void onDownloadProgress(PeerSession s, Message.DownloadProgress progress) {}

  @Override
  public void onPeerExchange(PeerSession s, Message.PeerExchange exchange) {}

  @Override
  public void onClosed(PeerSession s, String reason) {
    joinResult.completeExceptionally(new IOException("session closed: " + reason));
    peerNonce.completeExceptionally(new IOException("session closed: " + reason));
  }

  @Override
  public void close() {
    if (session != null) {
      session.close("test over");
    }
    manager.close();
    timers.shutdownNow();
  }

  /** Fails unless {@code future} completes within the peer's wait. */
  static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no answer within " + WAIT, e);
    }
  }
}
