package swarmsync.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Temp files of pulls that may no longer be needed: those a scan found (left by a pull cut
 * short, before a restart too) and those a failed pull left for resuming. A pull pass marks the
 * ones whose target it still needs; at its end, the others are removed, so a temp file stays
 * only while its path is still to be pulled (and a pull can resume from it).
 */
final class LeftoverTemps {
  private final Set<String> known = new HashSet<>();
  private final Set<String> needed = new HashSet<>();

  /** A temp file on disk that no pull in progress is writing. */
  synchronized void found(String temp) {
    known.add(temp);
  }

  /** A temp file written by a pull that has just completed (renamed into place). */
  synchronized void forget(String temp) {
    known.remove(temp);
    needed.remove(temp);
  }

  /** Starts a pull pass: no temp file is marked as needed. */
  synchronized void beginPass() {
    needed.clear();
  }

  /** Marks the temp file of a path this pass still needs, if it is one of the known ones. */
  synchronized void stillNeeded(String temp) {
    if (known.contains(temp)) {
      needed.add(temp);
    }
  }

  /** Ends a pass: returns, and forgets, every known temp file the pass did not mark. */
  synchronized List<String> endPass() {
    List<String> unneeded = new ArrayList<>();
    for (String temp : known) {
      if (!needed.contains(temp)) {
        unneeded.add(temp);
      }
    }
    unneeded.forEach(known::remove);
    needed.clear();
    return unneeded;
  }
}
