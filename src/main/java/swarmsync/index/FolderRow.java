package swarmsync.index;

/**
 * A shared folder as the index stores it.
 *
 * @param folderId      lower-case hex discovery id
 * @param path          absolute folder path
 * @param keyText       the folder key (secret: never log this record whole)
 * @param keyKind       rw, ro or encrypted
 * @param indexId       random id of this device's index for the folder
 * @param localSequence highest sequence given to a local change
 * @param paused        true when sync is paused
 */
public record FolderRow(String folderId, String path, String keyText, String keyKind,
    long indexId, long localSequence, boolean paused) {

  @Override
  public String toString() {
    return "FolderRow[" + folderId + ", " + path + ", " + keyKind + "]";
  }
}
