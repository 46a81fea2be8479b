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
}
