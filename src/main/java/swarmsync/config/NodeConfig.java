package swarmsync.config;

import java.util.List;

/** The persistent configuration of a node: its shared folders and its discovery settings. */
public record NodeConfig(List<FolderConfig> folders, DiscoveryConfig discovery) {
  public static final NodeConfig EMPTY = new NodeConfig(List.of(), DiscoveryConfig.DEFAULTS);

  public NodeConfig {
    folders = folders == null ? List.of() : List.copyOf(folders);
    discovery = discovery == null ? DiscoveryConfig.DEFAULTS : discovery;
  }

  /** This configuration with another folder list. */
  public NodeConfig withFolders(List<FolderConfig> newFolders) {
    return new NodeConfig(newFolders, discovery);
  }
}
