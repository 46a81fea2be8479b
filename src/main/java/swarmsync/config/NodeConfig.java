package swarmsync.config;

import java.util.List;

/**
 * The persistent configuration of a node: its shared folders, its discovery settings and where
 * it listens for peers.
 *
 * @param folders   the shared folders
 * @param discovery discovery switches and lists
 * @param listen    HOST:PORT peers connect to when {@code --listen} is not given, or null for
 *                  the built-in default
 */
public record NodeConfig(List<FolderConfig> folders, DiscoveryConfig discovery, String listen) {
  public static final NodeConfig EMPTY = new NodeConfig(List.of(), DiscoveryConfig.DEFAULTS);

  public NodeConfig {
    folders = folders == null ? List.of() : List.copyOf(folders);
    discovery = discovery == null ? DiscoveryConfig.DEFAULTS : discovery;
  }

  public NodeConfig(List<FolderConfig> folders, DiscoveryConfig discovery) {
    this(folders, discovery, null);
  }

  /** This configuration with another folder list. */
  public NodeConfig withFolders(List<FolderConfig> newFolders) {
    return new NodeConfig(newFolders, discovery, listen);
  }

  /** This configuration with other discovery settings. */
  public NodeConfig withDiscovery(DiscoveryConfig newDiscovery) {
    return new NodeConfig(folders, newDiscovery, listen);
  }

  /** This configuration with another listen address (null: the default). */
  public NodeConfig withListen(String newListen) {
    return new NodeConfig(folders, discovery, newListen);
  }
}
