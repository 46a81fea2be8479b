package swarmsync.sync;

/** What a folder is doing right now, as status reports it. */
public enum FolderState {
  IDLE, SCANNING, SYNCING, ERROR;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
