package swarmsync.sync;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import swarmsync.record.ChunkHash;

/** Where an encrypted host gets ciphertext it lacks: the connected peers of the folder. */
public interface EncryptedChunkSource {
  /** Index numbers of the devices connected now that joined this folder with us. */
  Set<Integer> connectedDevices(String folderId);

  /** Asks one device for the encrypted chunk {@code id} of {@code size} bytes. */
  CompletableFuture<byte[]> requestEncrypted(int device, String folderId, ChunkHash id,
      int size);
}
