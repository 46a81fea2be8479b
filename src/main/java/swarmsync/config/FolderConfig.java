package swarmsync.config;

import java.util.List;

/**
 * One shared folder as configured: where it is, its key, and peers to dial for it.
 *
 * @param path  absolute folder path
 * @param key   the folder key text (secret: toString hides it)
 * @param peers host:port addresses to connect to for this folder
 */
public record FolderConfig(String path, String key, List<String> peers) {
  public FolderConfig {
    peers = peers == null ? List.of() : List.copyOf(peers);
  }

  @Override
  public String toString() {
    return "FolderConfig[" + path + ", key hidden, peers=" + peers + "]";
  }
}
