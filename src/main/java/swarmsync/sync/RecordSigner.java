package swarmsync.sync;

import swarmsync.record.FileRecord;

/** Signs the records this device authors with the folder key, where it holds one. */
@FunctionalInterface
public interface RecordSigner {
  /** A signer for nodes that cannot write (read-only, encrypted): records stay unsigned. */
  RecordSigner NONE = record -> record;

  FileRecord sign(FileRecord record);
}
