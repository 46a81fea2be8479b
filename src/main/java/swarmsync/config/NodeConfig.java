package swarmsync.config;

import java.util.List;

/** The persistent configuration of a node: its shared folders. */
public record NodeConfig(List<FolderConfig> folders) {
  public static final NodeConfig EMPTY = new NodeConfig(List.of());

  public NodeConfig {
    folders = folders == null ? List.of() : List.copyOf(folders);
  }
}
