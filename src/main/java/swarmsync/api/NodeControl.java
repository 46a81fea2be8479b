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
   * Pauses the folder at {@code path}: it stops scanning, syncing and announcing until
   * resumed; the pause is kept in the configuration across restarts.
   */
  void pause(String path) throws ConfigException, IOException;

  /** Resumes a paused folder: it scans, announces and syncs again. */
  void resume(String path) throws ConfigException, IOException;

  /** The conflict copies ({@code *.sync-conflict-*}) in a shared folder. */
  List<ConflictView> conflicts(String folderPath) throws ConfigException, IOException;

  /** The settings as configured and as running. */
  SettingsView settings();

  /**
   * Changes the configured settings (null leaves one as it is); they take effect when the
   * daemon next starts. Returns the settings after the change.
   */
  SettingsView updateSettings(Boolean lan, Boolean tracker, Boolean dht, String listen)
      throws ConfigException, IOException;
  /** The local changes of a read-only folder, in path order (none on a read-write folder). */
  List<LocalChangeView> localChanges(String folderPath) throws ConfigException, IOException;

  /**
   * Puts the global version back for every local change of a read-only folder (edited and
   * added files are archived first); the global versions are then pulled from peers.
   */
  RevertView revert(String folderPath) throws ConfigException, IOException;

  /** The keys this node may hand out for a folder: its own and every weaker one. */
  FolderKeysView keys(String folderPath) throws ConfigException;

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
