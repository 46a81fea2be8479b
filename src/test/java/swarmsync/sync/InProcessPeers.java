package swarmsync.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import swarmsync.archive.ArchiveCleaner;
import swarmsync.fs.FolderFs;
import swarmsync.fs.NioFolderFs;
import swarmsync.index.SqliteIndexStore;
import swarmsync.keys.FolderKey;
import swarmsync.record.CanonicalRecord;
import swarmsync.record.ChunkHash;
import swarmsync.record.FileRecord;

/**
 * Several devices' engines in one process, each with its own real folder and real SQLite
 * index, exchanging records and chunks by direct calls instead of a network: the engine's
 * logic under test without sockets. Chunks are read from the serving device's real files.
 */
final class InProcessPeers implements AutoCloseable {
  final FolderKey key;
  private final Map<Integer, Device> devices = new HashMap<>();
  private final ExecutorService hashPool = Executors.newFixedThreadPool(2);

  /** One simulated device. */
  final class Device implements ChunkSource {
    final int number;
    final Path root;
    final SqliteIndexStore index;
    final FolderSync sync;
    private final Map<Integer, Long> sent = new HashMap<>();
    /** Chunks this device served to the others. */
    final java.util.concurrent.atomic.AtomicInteger chunksServed =
        new java.util.concurrent.atomic.AtomicInteger();

    Device(int number, Path root, Path indexFile, FolderFs fs, long minFreeBytes,
        boolean readOnly) throws IOException {
      this.number = number;
      this.root = root;
      this.index = SqliteIndexStore.open(indexFile);
      if (index.folder(key.folderId()).isEmpty()) { // else: a restart on the same index
        index.addFolder(new swarmsync.index.FolderRow(key.folderId(), root.toString(),
            readOnly ? key.readOnly().encode() : key.encode(), readOnly ? "ro" : "rw", number, 0,
            false));
      }
      byte[] discoveryId = key.discoveryId();
      // A read-only device holds no signing key; it verifies with the public key, as a node
      // does once a peer's FolderJoin told it (checked against its fingerprint).
      RecordSigner signer = readOnly ? RecordSigner.NONE : r -> r.withSignature(
          key.signer().sign(CanonicalRecord.bytes(discoveryId, r)));
      this.sync = new FolderSync(new FolderSync.Parts(key.folderId(), root,
          fs, index, 0x1000L + number, signer,
          new RecordVerifier(discoveryId, key.signer().publicKey()), p -> false, hashPool, this,
          folderId -> { }, Clock.systemUTC(), Duration.ofHours(1),
          ArchiveCleaner.DEFAULT_MAX_AGE, ArchiveCleaner.NO_SIZE_CAP, minFreeBytes));
    }

    /**
     * Sends this device's new signed records to every other device (one exchange round); like
     * a node's PeerLink, it never announces an unsigned record (a read-only device's changes).
     */
    void announce() {
      for (Device other : devices.values()) {
        if (other == this) {
          continue;
        }
        long after = sent.getOrDefault(other.number, 0L);
        List<FileRecord> records = sync.localRecordsSince(after, Integer.MAX_VALUE);
        if (!records.isEmpty()) {
          sent.put(other.number, records.get(records.size() - 1).sequence());
          other.sync.acceptRemote(number, "device " + number,
              records.stream().filter(r -> r.signature().length > 0).toList());
        }
      }
    }

    @Override
    public Set<Integer> connectedDevices(String folderId) {
      Set<Integer> others = new java.util.HashSet<>(devices.keySet());
      others.remove(number);
      return others;
    }

    @Override
    public CompletableFuture<byte[]> request(int device, String folderId, String path,
        long offset, int length, ChunkHash hash) {
      return CompletableFuture.supplyAsync(() -> {
        try {
          Device server = devices.get(device);
          server.chunksServed.incrementAndGet();
          return server.sync.readChunk(path, offset, length, hash);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  InProcessPeers(FolderKey key) {
    this.key = key;
  }

  Device add(int number, Path root, Path indexFile) throws IOException {
    return add(number, root, indexFile, new NioFolderFs(root), 0);
  }

  /** Adds a device whose folder is reached through {@code fs} (a fault injector, say). */
  Device add(int number, Path root, Path indexFile, FolderFs fs, long minFreeBytes)
      throws IOException {
    Device d = new Device(number, root, indexFile, fs, minFreeBytes, false);
    devices.put(number, d);
    return d;
  }

  /** Adds a device that holds only the read-only key: it cannot sign, so cannot write. */
  Device addReadOnly(int number, Path root, Path indexFile) throws IOException {
    Device d = new Device(number, root, indexFile, new NioFolderFs(root), 0, true);
    devices.put(number, d);
    return d;
  }

  /** Takes a device off the network for good (stopped): nobody reaches it any more. */
  void remove(Device d) throws IOException {
    devices.remove(d.number);
    d.sync.close();
    d.index.close();
  }

  @Override
  public void close() throws IOException {
    for (Device d : devices.values()) {
      d.sync.close();
      d.index.close();
    }
    hashPool.shutdownNow();
  }
}
