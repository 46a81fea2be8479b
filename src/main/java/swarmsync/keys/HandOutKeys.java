package swarmsync.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys the holder of a folder key may hand out: the key itself and every weaker key derived
 * from it, strongest first (an {@code A} key gives A, B and E; a {@code B} key gives B and E; an
 * {@code E} key only itself). A holder can never give a stronger key than its own.
 */
public final class HandOutKeys {
  private HandOutKeys() {}

  /** The keys {@code key}'s holder may hand out; an invite key ({@code C}) gives none. */
  public static List<FolderKey> of(FolderKey key) {
    List<FolderKey> keys = new ArrayList<>();
    switch (key.kind()) {
      case READ_WRITE -> {
        keys.add(key);
        keys.add(key.readOnly());
        keys.add(key.encrypted());
      }
      case READ_ONLY -> {
        keys.add(key);
        keys.add(key.encrypted());
      }
      case ENCRYPTED -> keys.add(key);
      case INVITE -> { }
      default -> throw new IllegalStateException("unknown key kind " + key.kind());
    }
    return keys;
  }
}
