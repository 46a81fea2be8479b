package swarmsync.node;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import swarmsync.protocol.Message;
import swarmsync.protocol.PeerSession;
import swarmsync.record.ChunkHash;
import swarmsync.crypt.ChunkCipher;
import swarmsync.crypt.EncryptionException;
import swarmsync.sync.ChunkSource;
import swarmsync.sync.EncryptedChunkSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live links of this node, by device number, and the engine's {@link ChunkSource} over
 * them: a chunk request goes to that device's session; failed responses fail the future.
 */
final class PeerLinks implements ChunkSource, EncryptedChunkSource {
  private static final Logger LOG = LoggerFactory.getLogger(PeerLinks.class);

  private final Map<Integer, Entry> links = new ConcurrentHashMap<>();

  private record Entry(PeerLink link, PeerSession session, RequestBudget budget) {}

  /**
   * Adds a device's link, replacing its previous one; a link whose connection is already closed
   * does not replace an open one. (Two connections to one device can be handed over out of
   * order: the one the connection manager dropped for the other may arrive last.)
   */
  void add(PeerLink link, PeerSession session) {
    links.compute(link.deviceNumber(), (device, old) ->
        old != null && link.connection().isClosed() && !old.link().connection().isClosed()
            ? old : new Entry(link, session, new RequestBudget()));
  }

  void remove(PeerLink link) {
    links.computeIfPresent(link.deviceNumber(), (k, v) -> v.link() == link ? null : v);
  }

  Collection<PeerLink> all() {
    return links.values().stream().map(Entry::link).toList();
  }

  Optional<PeerLink> byDevice(int device) {
    return Optional.ofNullable(links.get(device)).map(Entry::link);
  }

  void closeAll(String reason) {
    links.values().forEach(e -> e.session().close(reason));
  }

  @Override
  public Set<Integer> connectedDevices(String folderId) {
    Set<Integer> devices = new HashSet<>();
    links.forEach((device, e) -> {
      if (e.link().hasJoined(folderId) && !e.session().isClosed()) {
        devices.add(device);
      }
    });
    return devices;
  }

  @Override
  public CompletableFuture<byte[]> request(int device, String folderId, String path, long offset,
      int length, ChunkHash hash) {
    Entry e = links.get(device);
    if (e == null || !e.link().hasJoined(folderId)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("device " + device + " is not connected for " + folderId));
    }
    byte[] discoveryId = swarmsync.util.Hex.decode(folderId);
    if (e.link().encryptedWith(folderId)) {
      return requestFromHost(e, folderId, hash, length);
    }
    try {
      e.budget().acquire(length);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(interrupted);
    }
    return e.session().request(Message.Request.of(discoveryId, path, offset, length, hash))
        .whenComplete((response, error) -> e.budget().release(length))
        .thenApply(response -> {
          if (response.code() != Message.ResponseCode.NO_ERROR) {
            throw new IllegalStateException("peer answered " + response.code());
          }
          e.link().countReceived(response.data().length);
          return response.data();
        });
  }

  /**
   * A plaintext chunk from an encrypted host: asked for by its encrypted id, decrypted and
   * checked (tag and hash); a chunk that fails is refused with a logged reason.
   */
  private CompletableFuture<byte[]> requestFromHost(Entry e, String folderId, ChunkHash hash,
      int length) {
    SharedFolder folder = e.link().joined(folderId);
    ChunkHash id = folder.crypto().cipher().chunks().encryptedId(hash);
    return requestEncrypted(e, folderId, id, ChunkCipher.encryptedLength(length))
        .thenApply(ciphertext -> {
          try {
            return folder.crypto().decryptChunk(ciphertext, hash);
          } catch (EncryptionException bad) {
            LOG.warn("folder {}: refusing encrypted chunk {} from {}: {}", folderId, id,
                e.link().describe(), bad.getMessage());
            throw new IllegalStateException("refused chunk: " + bad.getMessage(), bad);
          }
        });
  }

  @Override
  public CompletableFuture<byte[]> requestEncrypted(int device, String folderId, ChunkHash id,
      int size) {
    Entry e = links.get(device);
    if (e == null || !e.link().hasJoined(folderId)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("device " + device + " is not connected for " + folderId));
    }
    return requestEncrypted(e, folderId, id, size);
  }

  private CompletableFuture<byte[]> requestEncrypted(Entry e, String folderId, ChunkHash id,
      int size) {
    try {
      e.budget().acquire(size);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(interrupted);
    }
    return e.session().request(Message.Request.encrypted(swarmsync.util.Hex.decode(folderId),
            id, size))
        .whenComplete((response, error) -> e.budget().release(size))
        .thenApply(response -> {
          if (response.code() != Message.ResponseCode.NO_ERROR) {
            throw new IllegalStateException("peer answered " + response.code());
          }
          e.link().countReceived(response.data().length);
          return response.data();
        });
  }
}
