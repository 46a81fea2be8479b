package swarmsync.config;

import java.util.List;

/**
 * One shared folder as configured: where it is, its key, and peers to dial for it.
 *
 * @param path  absolute folder path
 * @param key   the folder key text (secret: toString hides it)
 * @param peers  host:port addresses to connect to for this folder
 * @param paused true when the folder neither scans nor syncs until resumed (null: false)
 */
public record FolderConfig(String path, String key, List<String> peers, Boolean paused) {
  public FolderConfig {
    peers = peers == null ? List.of() : List.copyOf(peers);
  }

  public FolderConfig(String path, String key, List<String> peers) {
    this(path, key, peers, null);
  }

  public boolean isPaused() {
    return paused != null && paused;
  }

  /** This folder paused or resumed. */
  public FolderConfig withPaused(boolean pause) {
    return new FolderConfig(path, key, peers, pause ? Boolean.TRUE : null);
  }

  @Override
  public String toString() {
    return "FolderConfig[" + path + ", key hidden, peers=" + peers
        + (isPaused() ? ", paused" : "") + "]";
  }
}
