package swarmsync.node;

import java.util.Optional;
import swarmsync.keys.FolderKey;
import swarmsync.sync.EncryptedHost;
import swarmsync.sync.FolderSync;

/**
 * A folder this node shares: its key (what it may prove) and its engine: a {@link FolderSync}
 * for members (A, B keys), with the {@link MemberEncryption} they talk to encrypted hosts
 * with, or an {@link EncryptedHost} for an E key (then {@code sync} and {@code crypto} are
 * null).
 */
record SharedFolder(FolderKey key, FolderSync sync, MemberEncryption crypto,
    EncryptedHost host) {
  SharedFolder(FolderKey key, FolderSync sync) {
    this(key, sync, null, null);
  }

  String folderId() {
    return key.folderId();
  }

  byte[] discoveryId() {
    return key.discoveryId();
  }

  /** True on an encrypted host: everything of this folder travels encrypted. */
  boolean encryptedHost() {
    return host != null;
  }

  /** The folder's public key P where known without a writer online (hosts, members). */
  Optional<byte[]> knownPublicKey() {
    if (key.canWrite()) {
      return Optional.of(key.signer().publicKey());
    }
    return host != null ? host.publicKey() : crypto == null ? Optional.empty()
        : crypto.publicKey();
  }

  void schedulePull() {
    if (host != null) {
      host.schedulePull();
    } else {
      sync.schedulePull();
    }
  }

  boolean initialScanDone() {
    return host != null || sync.initialScanDone();
  }

  void close() {
    if (host != null) {
      host.close();
    } else {
      sync.close();
    }
  }
}
