package swarmsync.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import swarmsync.config.ConfigException;

/**
 * What the REST API can ask of a running node. The node implements it; the API knows nothing
 * else of the node.
 */
public interface NodeControl {
  StatusView status();

  List<FolderView> folders();

  FolderView addFolder(String path, String key, List<String> peers)
      throws ConfigException, IOException;

  void removeFolder(String path, boolean deleteFiles) throws ConfigException, IOException;

  void rescan(String path) throws ConfigException;

  /** The archived versions of a shared folder's files, newest first per file. */
  List<ArchivedView> archive(String folderPath) throws ConfigException, IOException;

  /**
   * Puts an archived version back under its original path (what is there now is archived
   * first); returns the original path.
   */
  String restore(String folderPath, String archivedPath) throws ConfigException, IOException;

  /**
   * Issues a one-time key (C) to the shared folder at {@code folderPath}, granting read-only or
   * read-write access, pending for {@code lifetime}; the view carries the key.
   */
  InviteView createInvite(String folderPath, boolean readOnly, Duration lifetime)
      throws ConfigException, IOException;

  /** Every invite this node issued, newest first (without keys). */
  List<InviteView> invites();

  /** Revokes the pending invite whose id starts with {@code id}; returns it. */
  InviteView revokeInvite(String id) throws ConfigException;

  /**
   * Redeems a one-time key with its issuer (found by discovery or at {@code peers}), then
   * shares the granted folder at {@code path}; waits at most {@code timeout} for the issuer.
   */
  FolderView acceptInvite(String key, String path, List<String> peers, Duration timeout)
      throws ConfigException, IOException;

  /** Asks the node to stop; returns at once. */
  void shutdown();
}
