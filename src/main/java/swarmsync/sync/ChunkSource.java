package swarmsync.sync;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import swarmsync.record.ChunkHash;

/**
 * Where the puller gets chunks it does not have: the connected peers of a folder. The node
 * implements it over peer connections; the engine never sees a connection.
 */
public interface ChunkSource {
  /** Index numbers of the devices connected now that joined this folder with us. */
  Set<Integer> connectedDevices(String folderId);

  /**
   * Asks one device for {@code length} bytes of {@code path} at {@code offset}; completes with
   * the bytes (not yet verified) or exceptionally.
   */
  CompletableFuture<byte[]> request(int device, String folderId, String path, long offset,
      int length, ChunkHash hash);

  /** A source with no peers: every folder is on its own. */
  ChunkSource NONE = new ChunkSource() {
    @Override
    public Set<Integer> connectedDevices(String folderId) {
      return Set.of();
    }

    @Override
    public CompletableFuture<byte[]> request(int device, String folderId, String path,
        long offset, int length, ChunkHash hash) {
      return CompletableFuture.failedFuture(new IllegalStateException("no peers"));
    }
  };
}
