package swarmsync.api;

import java.io.IOException;
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

  /** Asks the node to stop; returns at once. */
  void shutdown();
}
