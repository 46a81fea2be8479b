package swarmsync.sync;

import swarmsync.record.FileRecord;

/** Signs the records this device authors with the folder key, where it holds one. */
@FunctionalInterface
public interface RecordSigner {
  /**
   * The signer of nodes that cannot write (read-only, encrypted): records stay unsigned, and the
   * folder is receive-only, its local changes kept here and never announced.
   */
  RecordSigner NONE = new RecordSigner() {
    @Override
    public FileRecord sign(FileRecord record) {
      return record;
    }

    @Override
    public boolean canWrite() {
      return false;
    }
  };

  FileRecord sign(FileRecord record);

  /** False for {@link #NONE}: this device's changes cannot enter the folder. */
  default boolean canWrite() {
    return true;
  }
}
