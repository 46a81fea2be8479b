package swarmsync.scan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A sink that remembers what it was told, and can serve it back as the next scan's index. */
final class RecordingSink implements ScanSink, KnownFiles {
  final Map<String, ScannedFile> changed = new ConcurrentHashMap<>();
  final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, KnownFile> index = new ConcurrentHashMap<>();

  @Override
  public void changed(ScannedFile file) {
    changed.put(file.path(), file);
    index.put(file.path(), new KnownFile(file.type(), file.size(), file.mtimeNanos(),
        file.permissions(), file.fileKey(), false));
  }

  @Override
  public void deleted(String path) {
    deleted.add(path);
    KnownFile old = index.get(path);
    index.put(path, new KnownFile(old.type(), 0, old.mtimeNanos(), old.permissions(),
        old.fileKey(), true));
  }

  /** Forgets what it was told, keeping the index: ready to record the next scan. */
  void clear() {
    changed.clear();
    deleted.clear();
  }

  @Override
  public Optional<KnownFile> get(String path) {
    return Optional.ofNullable(index.get(path));
  }

  @Override
  public void forEachLivePath(Consumer<String> action) {
    index.forEach((path, known) -> {
      if (!known.deleted()) {
        action.accept(path);
      }
    });
  }
}
