package swarmsync.api;

import java.util.List;

/**
 * The keys a node may hand out for one folder: the one it holds and every weaker one derived
 * from it. Secrets: shown only to whoever asks explicitly, never logged.
 */
public record FolderKeysView(String path, String folderId, List<KeyView> keys) {

  /** One key and its kind ({@code rw}, {@code ro}, {@code encrypted}). */
  public record KeyView(String kind, String key) {
    @Override
    public String toString() {
      return "KeyView[" + kind + "]";
    }
  }
}
