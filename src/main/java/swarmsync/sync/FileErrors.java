package swarmsync.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last error of each file the puller could not bring in, for the user to see: an entry
 * goes when the file succeeds or when a whole pass went by without the file failing again
 * (it is no longer needed, or now ignored). Bounded: the oldest entries give way first.
 */
final class FileErrors {
  /** Entries kept: enough to show what is wrong, small enough for one status response. */
  static final int MAX_ENTRIES = 1_000;

  private final Map<String, Entry> errors = new LinkedHashMap<>();
  private long pass;

  private record Entry(String message, long pass) {}

  /**
   * Records the error of one file in the current pass; true when the file had no error or
   * another one before (so a caller can log only what is new).
   */
  synchronized boolean failed(String path, String message) {
    Entry before = errors.remove(path);
    errors.put(path, new Entry(message, pass));
    if (errors.size() > MAX_ENTRIES) {
      errors.remove(errors.keySet().iterator().next());
    }
    return before == null || !before.message().equals(message);
  }

  /** Forgets a file's error: it went through. */
  synchronized void succeeded(String path) {
    errors.remove(path);
  }

  /** Ends a pass: drops errors of files that did not fail again in it, starts the next. */
  synchronized void endPass() {
    long ended = pass++;
    errors.values().removeIf(e -> e.pass() != ended);
  }

  /** A copy, path to last error, oldest first. */
  synchronized Map<String, String> snapshot() {
    Map<String, String> out = new LinkedHashMap<>();
    errors.forEach((path, e) -> out.put(path, e.message()));
    return out;
  }
}
