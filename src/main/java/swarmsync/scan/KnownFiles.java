package swarmsync.scan;

import java.util.Optional;
import java.util.function.Consumer;

/** This device's view of a folder as the index holds it: the scanner's "before". */
public interface KnownFiles {
  /** The known record of a path, deleted or not, or empty if the index never saw it. */
  Optional<KnownFile> get(String path);

  /**
   * Streams every path whose record is not deleted (the index reads them with a cursor). The
   * scanner may call {@link ScanSink#deleted} from inside {@code action}.
   */
  void forEachLivePath(Consumer<String> action);

  /**
   * Streams the live paths at or below {@code top} ({@code top} itself and every path that
   * starts with {@code top + "/"}). This default filters {@link #forEachLivePath}; an index
   * overrides it with a range query, so a scan of a few changed paths does not read the whole
   * folder's list.
   */
  default void forEachLivePathUnder(String top, Consumer<String> action) {
    String below = top + "/";
    forEachLivePath(path -> {
      if (top.isEmpty() || path.equals(top) || path.startsWith(below)) {
        action.accept(path);
      }
    });
  }
}
