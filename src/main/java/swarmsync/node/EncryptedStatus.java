package swarmsync.node;

import java.util.List;
import swarmsync.api.FolderStatusView;
import swarmsync.api.PeerView;
import swarmsync.keys.FolderKey;
import swarmsync.sync.EncryptedHost;

/**
 * The status of a folder on an encrypted host: counts and bytes of what it stores, no names.
 * {@code local_files} counts stored records (files, directories and deletions alike: the host
 * cannot tell them apart), {@code local_bytes} the ciphertext their chunks take.
 */
final class EncryptedStatus {
  private EncryptedStatus() {}

  static FolderStatusView view(String path, FolderKey key, EncryptedHost host,
      List<PeerView> peers, boolean allIndexes) {
    long[] counts = host.localCounts();
    boolean inSync = allIndexes && host.needFiles() == 0 && host.needBytes() == 0;
    return new FolderStatusView(path, key.folderId(), key.kind().jsonName(), counts[0], 0,
        counts[1], host.needFiles(), host.needBytes(), peers, inSync,
        host.state().jsonName(), host.publicKey().isPresent() ? ""
            : "waiting for a read-write peer to show the folder's public key", 0);
  }
}
