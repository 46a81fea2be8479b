package swarmsync.scan;

/**
 * Receives a scan's findings. Must be thread-safe: {@link #changed} is called concurrently from
 * the hash pool's threads (files) and from the thread running the scan (directories, symlinks);
 * {@link #deleted} is called from the thread running the scan, inside
 * {@link KnownFiles#forEachLivePath}. Every call happens before the scan method returns.
 */
public interface ScanSink {
  /** A path that is new or differs from its known record. */
  void changed(ScannedFile file);

  /** A path with a live known record that is no longer in the folder. */
  void deleted(String path);

  /**
   * A temporary file of a pull found during the walk (never synced; reported so that those no
   * pull needs any more can be removed). Called from the thread running the scan.
   */
  default void temporary(String path) {}
}
