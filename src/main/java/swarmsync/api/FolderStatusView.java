package swarmsync.api;

import java.util.List;
import java.util.Map;

/**
 * One folder's figures in the status document (field names become snake_case JSON).
 * {@code locallyChangedFiles}: on a read-only folder, the paths changed, added or deleted here
 * that stay local until reverted (always 0 on a read-write folder). {@code fileErrors}: the last
 * error of each file that failed to sync (path to reason; a name refused from a peer, a file
 * that does not fit), at most {@link #MAX_FILE_ERRORS} of them.
 */
public record FolderStatusView(
    String path,
    String folderId,
    String keyKind,
    long localFiles,
    long localDirectories,
    long localBytes,
    long needFiles,
    long needBytes,
    List<PeerView> peers,
    boolean inSync,
    String state,
    String error,
    long locallyChangedFiles,
    Map<String, String> fileErrors) {
  /** How many per-file errors a status lists at most. */
  public static final int MAX_FILE_ERRORS = 100;

  public FolderStatusView {
    fileErrors = fileErrors == null ? Map.of() : Map.copyOf(fileErrors);
  }

  /** A status with no per-file errors. */
  public FolderStatusView(String path, String folderId, String keyKind, long localFiles,
      long localDirectories, long localBytes, long needFiles, long needBytes,
      List<PeerView> peers, boolean inSync, String state, String error,
      long locallyChangedFiles) {
    this(path, folderId, keyKind, localFiles, localDirectories, localBytes, needFiles, needBytes,
        peers, inSync, state, error, locallyChangedFiles, Map.of());
  }
}
