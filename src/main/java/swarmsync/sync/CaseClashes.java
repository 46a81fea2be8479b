package swarmsync.sync;

import java.io.IOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import swarmsync.fs.FolderFs;

/**
 * Names a pull would add that differ from a name already in the same directory only in case
 * or Unicode normalization ({@code Readme.txt} next to {@code README.txt}, NFC next to NFD).
 * On a case-insensitive filesystem (Windows, macOS) the two are one file, so one would
 * silently replace or mix with the other; the folder is kept portable by refusing the second
 * name on every device, whatever its filesystem. "Already there" means on disk, or added
 * earlier in the same pull pass (paths come in byte order, so {@code README.txt} before
 * {@code Readme.txt}). One instance per pass, used from the pass's dispatching thread only.
 */
final class CaseClashes {
  /** Directories whose names are kept at once; a pass touching more lists some again. */
  static final int MAX_DIRECTORIES = 1024;

  private final FolderFs fs;
  private final Map<String, Names> listings = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Names> eldest) {
      return size() > MAX_DIRECTORIES;
    }
  };

  /** One directory's names: exactly as they are, and folded to compare. */
  private static final class Names {
    final Set<String> exact = new HashSet<>();
    final Map<String, String> folded = new HashMap<>();

    void add(String name) {
      exact.add(name);
      folded.putIfAbsent(fold(name), name);
    }
  }

  CaseClashes(FolderFs fs) {
    this.fs = fs;
  }

  /**
   * Why {@code path} (already checked by {@link RemotePaths}) clashes with a name here, or null
   * when it does not; a path that does not clash is noted, so a later variant of it does.
   */
  String clash(String path) {
    String parent = "";
    for (String segment : path.split("/")) {
      Names names = listing(parent);
      String child = parent.isEmpty() ? segment : parent + "/" + segment;
      if (!names.exact.contains(segment)) {
        String other = names.folded.get(fold(segment));
        if (other != null) {
          String existing = parent.isEmpty() ? other : parent + "/" + other;
          return "name '" + child + "' differs only in case from '" + existing
              + "' already here (one file on case-insensitive filesystems)";
        }
        names.add(segment);
      }
      parent = child;
    }
    return null;
  }

  private Names listing(String directory) {
    Names names = listings.get(directory);
    if (names == null) {
      names = new Names();
      Names filling = names;
      try {
        fs.walk(directory, (path, meta) -> {
          filling.add(path.substring(path.lastIndexOf('/') + 1));
          return false;
        });
      } catch (IOException notThere) {
        // Missing, not a directory or behind a symlink: nothing is in it to clash with.
      }
      listings.put(directory, names);
    }
    return names;
  }

  /** The form two names share when a case-insensitive filesystem takes them for one. */
  static String fold(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
