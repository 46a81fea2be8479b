package swarmsync.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import swarmsync.index.EncryptedRecordStore;
import swarmsync.index.EncryptedRecordStore.DeviceEncryptedRecord;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.SignatureVerifier;
import swarmsync.record.CanonicalEncryptedRecord;
import swarmsync.record.EncryptedChunk;
import swarmsync.record.EncryptedRecord;
import swarmsync.record.VersionVector;
import swarmsync.util.DaemonThreads;
import swarmsync.util.Hex;

/**
 * One folder on an encrypted host (an {@code E} key holder): keeps every record it is sent
 * whose folder signature over the encrypted form verifies, fetches the ciphertext of each
 * name's newest version from the peers that have it, and announces what it stores, so members
 * can sync through it while it reads no name and no byte. It authors nothing.
 *
 * <p>Which version of a name it keeps: the greatest version vector among all devices' records;
 * of concurrent ones, the one whose signature sorts last (any fixed rule works: the host only
 * has to pick the same one every time; members resolve the conflict when they decrypt).
 */
public final class EncryptedHost implements AutoCloseable {
  /** Delay before retrying a pull pass that left chunks missing. */
  static final Duration PULL_RETRY = Duration.ofSeconds(5);
  /** Encrypted chunks requested at once per record. */
  private static final int WINDOW = 8;
  private static final Logger LOG = LoggerFactory.getLogger(EncryptedHost.class);

  private final String folderId;
  private final byte[] discoveryId;
  private final Path root;
  private final SqliteIndexStore index;
  private final EncryptedRecordStore records;
  private final ChunkStore chunks;
  private final EncryptedChunkSource source;
  private final FolderSync.ChangeListener listener;
  private final ScheduledExecutorService worker;
  private final AtomicBoolean pullQueued = new AtomicBoolean();
  private volatile byte[] publicKey;
  private volatile long needFiles;
  private volatile long needBytes;
  private volatile FolderState state = FolderState.IDLE;

  public EncryptedHost(String folderId, Path root, SqliteIndexStore index,
      EncryptedChunkSource source, FolderSync.ChangeListener listener) {
    this.folderId = folderId;
    this.discoveryId = Hex.decode(folderId);
    this.root = root;
    this.index = index;
    this.records = index.encrypted();
    this.chunks = new ChunkStore(root);
    this.source = source;
    this.listener = listener;
    this.publicKey = records.publicKey(folderId).orElse(null);
    this.worker = Executors.newSingleThreadScheduledExecutor(
        new DaemonThreads("encrypted-" + folderId.substring(0, 8)));
  }

  /** Creates the folder directory (owner-only) and runs a first pull pass. */
  public void start() throws IOException {
    Files.createDirectories(root);
    schedulePull();
  }

  public String folderId() {
    return folderId;
  }

  public Path root() {
    return root;
  }

  /** The folder's public key P, once a writer showed it (the caller checked it against fp). */
  public Optional<byte[]> publicKey() {
    return Optional.ofNullable(publicKey).map(byte[]::clone);
  }

  /** Remembers P (checked against fp by the caller), here and in the index. */
  public void setPublicKey(byte[] key) {
    if (publicKey == null || !Arrays.equals(publicKey, key)) {
      records.putPublicKey(folderId, key);
      publicKey = key.clone();
      schedulePull();
    }
  }

  /**
   * Takes in encrypted records another device announced: each must carry a valid folder
   * signature over its encrypted form, else it is dropped with a logged reason. Returns how
   * many were stored.
   */
  public int acceptRemote(int device, String peer, List<EncryptedRecord> incoming) {
    byte[] key = publicKey;
    int[] stored = {0};
    index.inTransaction(() -> {
      for (EncryptedRecord r : incoming) {
        if (key == null) {
          LOG.warn("folder {}: refusing encrypted record {} from {}: the folder's public key"
              + " is not known yet", folderId, shortId(r.nameId()), peer);
        } else if (!SignatureVerifier.verify(key,
            CanonicalEncryptedRecord.bytes(discoveryId, r), r.encSignature())) {
          LOG.warn("folder {}: refusing encrypted record {} from {}: bad folder signature",
              folderId, shortId(r.nameId()), peer);
        } else {
          records.put(folderId, device, r);
          stored[0]++;
        }
      }
    });
    if (stored[0] > 0) {
      schedulePull();
    }
    return stored[0];
  }

  /** Up to {@code limit} of the records this host stores with a sequence above {@code after}. */
  public List<EncryptedRecord> localRecordsSince(long after, int limit) {
    return records.since(folderId, SqliteIndexStore.LOCAL, after, limit);
  }

  /** Ciphertext of a stored chunk, for a peer (which authenticates it when it decrypts). */
  public byte[] readChunk(EncryptedChunk chunk) throws IOException {
    return chunks.read(chunk.id(), chunk.size());
  }

  /** Forgets one device's records. */
  public void dropDevice(int device) {
    records.dropDevice(folderId, device);
  }

  /** Records stored and the ciphertext bytes of their chunks. */
  public long[] localCounts() {
    return records.counts(folderId, SqliteIndexStore.LOCAL);
  }

  public long needFiles() {
    return needFiles;
  }

  public long needBytes() {
    return needBytes;
  }

  public FolderState state() {
    return state;
  }

  /** Asks for a pull pass soon. */
  public void schedulePull() {
    if (pullQueued.compareAndSet(false, true)) {
      worker.execute(this::pullPass);
    }
  }

  private void pullPass() {
    pullQueued.set(false);
    if (publicKey == null) {
      return;
    }
    try {
      long files = 0;
      long bytes = 0;
      int applied = 0;
      int failed = 0;
      for (byte[] name : records.names(folderId)) {
        List<DeviceEncryptedRecord> all = records.forName(folderId, name);
        DeviceEncryptedRecord winner = newest(all);
        if (winner.device() == SqliteIndexStore.LOCAL || holds(all, winner.record().version())) {
          continue;
        }
        files++;
        state = FolderState.SYNCING;
        List<EncryptedChunk> missing = new ArrayList<>();
        for (EncryptedChunk c : winner.record().chunks()) {
          if (!chunks.has(c.id(), c.size()) && !missing.contains(c)) {
            missing.add(c);
            bytes += c.size();
          }
        }
        if (fetch(missing, sources(all, winner.record().version()))) {
          records.put(folderId, SqliteIndexStore.LOCAL,
              winner.record().withSequence(index.nextLocalSequence(folderId)));
          applied++;
          files--;
          for (EncryptedChunk c : missing) {
            bytes -= c.size();
          }
        } else {
          failed++;
        }
      }
      needFiles = files;
      needBytes = bytes;
      if (applied > 0) {
        LOG.info("folder {}: stored {} encrypted records, {} incomplete", folderId, applied,
            failed);
        listener.localRecordsChanged(folderId);
      }
      if (failed > 0) {
        worker.schedule(this::schedulePull, PULL_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      LOG.warn("folder {}: encrypted pull failed: {}", folderId, e.getMessage());
      worker.schedule(this::schedulePull, PULL_RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
    state = FolderState.IDLE;
  }

  /** True when this host already stores a record of exactly this version. */
  private static boolean holds(List<DeviceEncryptedRecord> all, VersionVector version) {
    return all.stream().anyMatch(r -> r.device() == SqliteIndexStore.LOCAL
        && r.record().version().compare(version) != VersionVector.Order.LESSER
        && r.record().version().compare(version) != VersionVector.Order.CONCURRENT);
  }

  /** The connected devices that announced this version. */
  private List<Integer> sources(List<DeviceEncryptedRecord> all, VersionVector version) {
    var connected = source.connectedDevices(folderId);
    List<Integer> devices = new ArrayList<>();
    for (DeviceEncryptedRecord r : all) {
      if (r.device() != SqliteIndexStore.LOCAL && connected.contains(r.device())
          && r.record().version().compare(version) == VersionVector.Order.EQUAL) {
        devices.add(r.device());
      }
    }
    return devices;
  }

  /** Fetches every missing chunk from the sources, a window at a time; false if any failed. */
  private boolean fetch(List<EncryptedChunk> missing, List<Integer> devices) {
    if (missing.isEmpty()) {
      return true;
    }
    if (devices.isEmpty()) {
      return false;
    }
    boolean complete = true;
    for (int start = 0; start < missing.size(); start += WINDOW) {
      List<EncryptedChunk> window = missing.subList(start, Math.min(missing.size(),
          start + WINDOW));
      List<CompletableFuture<Boolean>> pending = new ArrayList<>();
      for (int i = 0; i < window.size(); i++) {
        pending.add(fetchOne(window.get(i), devices, (start + i) % devices.size(), 0));
      }
      for (CompletableFuture<Boolean> f : pending) {
        try {
          complete &= f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } catch (ExecutionException e) {
          complete = false;
        }
      }
    }
    return complete;
  }

  private CompletableFuture<Boolean> fetchOne(EncryptedChunk c, List<Integer> devices, int first,
      int tried) {
    if (tried == devices.size()) {
      return CompletableFuture.completedFuture(false);
    }
    int device = devices.get((first + tried) % devices.size());
    return source.requestEncrypted(device, folderId, c.id(), c.size()).handle((data, error) -> {
      if (error != null) {
        LOG.debug("folder {}: encrypted chunk {} from device {}: {}", folderId, c.id(), device,
            error.getMessage());
        return false;
      }
      if (data.length != c.size()) {
        LOG.warn("folder {}: refusing encrypted chunk {} from device {}: {} bytes, expected {}",
            folderId, c.id(), device, data.length, c.size());
        return false;
      }
      try {
        chunks.write(c.id(), data);
        return true;
      } catch (IOException e) {
        LOG.warn("folder {}: storing encrypted chunk failed: {}", folderId, e.getMessage());
        return false;
      }
    }).thenCompose(ok -> ok ? CompletableFuture.completedFuture(true)
        : fetchOne(c, devices, first, tried + 1));
  }

  /** The record this host keeps of a name: see the class comment. */
  static DeviceEncryptedRecord newest(List<DeviceEncryptedRecord> all) {
    DeviceEncryptedRecord best = all.get(0);
    for (DeviceEncryptedRecord r : all.subList(1, all.size())) {
      VersionVector.Order order = r.record().version().compare(best.record().version());
      if (order == VersionVector.Order.GREATER
          || order == VersionVector.Order.CONCURRENT
              && Arrays.compareUnsigned(r.record().encSignature(),
                  best.record().encSignature()) > 0
          || order == VersionVector.Order.EQUAL && r.device() == SqliteIndexStore.LOCAL) {
        best = r;
      }
    }
    return best;
  }

  /** A name id as logs show it: its first 8 hex digits (a keyed hash; says nothing). */
  private static String shortId(byte[] nameId) {
    return Hex.encode(nameId).substring(0, 8);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
