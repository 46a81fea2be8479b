package swarmsync.node;

import swarmsync.keys.FolderKey;
import swarmsync.sync.FolderSync;

/** A folder this node shares: its key (what it may prove) and its engine. */
record SharedFolder(FolderKey key, FolderSync sync) {
  String folderId() {
    return key.folderId();
  }

  byte[] discoveryId() {
    return key.discoveryId();
  }
}
