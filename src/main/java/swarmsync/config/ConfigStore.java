package swarmsync.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import swarmsync.keys.FolderKey;
import swarmsync.keys.KeyFormatException;
import swarmsync.keys.KeyKind;

/**
 * The node's configuration file ({@code config.json}, owner-only because it holds keys), read
 * whole and replaced atomically on every change. Validates folder additions.
 */
public final class ConfigStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private NodeConfig config;

  private ConfigStore(Path file, NodeConfig config) {
    this.file = file;
    this.config = config;
  }

  public static ConfigStore open(HomeLayout home) throws IOException {
    Path file = home.config();
    if (!Files.exists(file)) {
      return new ConfigStore(file, NodeConfig.EMPTY);
    }
    try {
      return new ConfigStore(file, JSON.readValue(file.toFile(), NodeConfig.class));
    } catch (IOException e) {
      throw new IOException("reading configuration " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized NodeConfig current() {
    return config;
  }

  /**
   * Adds a folder after checking the key and the path: the directory must exist and be
   * readable, must not already be shared, and must not be inside or around a shared folder.
   */
  public synchronized FolderConfig addFolder(Path path, String keyText, List<String> peers)
      throws ConfigException, IOException {
    FolderKey key = parseFolderKey(keyText);
    Path dir = path.toAbsolutePath().normalize();
    checkNewFolder(dir);
    for (FolderConfig existing : config.folders()) {
      if (FolderKey.parse(existing.key()).folderId().equals(key.folderId())) {
        throw new ConfigException("this key's folder is already shared at " + existing.path());
      }
    }
    FolderConfig added = new FolderConfig(dir.toString(), key.encode(), peers);
    List<FolderConfig> folders = new ArrayList<>(config.folders());
    folders.add(added);
    save(config.withFolders(folders));
    return added;
  }

  /**
   * Checks that {@code path} could be shared as a new folder: an existing, readable directory,
   * not already shared, not inside or around a shared folder. Whatever the key.
   */
  public synchronized void checkNewFolder(Path path) throws ConfigException, IOException {
    Path dir = path.toAbsolutePath().normalize();
    if (!Files.exists(dir)) {
      throw new ConfigException("folder " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(dir + " is not a directory");
    }
    if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
      throw new ConfigException("folder " + dir + " is not readable");
    }
    Path real = dir.toRealPath();
    for (FolderConfig existing : config.folders()) {
      Path other = Path.of(existing.path());
      Path otherReal = Files.exists(other) ? other.toRealPath() : other;
      if (otherReal.equals(real)) {
        throw new ConfigException("folder " + dir + " is already shared");
      }
      if (real.startsWith(otherReal)) {
        throw new ConfigException("folder " + dir + " is inside the shared folder " + other);
      }
      if (otherReal.startsWith(real)) {
        throw new ConfigException("folder " + dir + " contains the shared folder " + other);
      }
    }
  }

  /** Removes a folder by path; returns it, or throws if no such folder is shared. */
  public synchronized FolderConfig removeFolder(Path path) throws ConfigException, IOException {
    String dir = path.toAbsolutePath().normalize().toString();
    List<FolderConfig> folders = new ArrayList<>(config.folders());
    FolderConfig found = folders.stream().filter(f -> f.path().equals(dir)).findFirst()
        .orElseThrow(() -> new ConfigException("no shared folder at " + dir));
    folders.remove(found);
    save(config.withFolders(folders));
    return found;
  }

  /** Pauses or resumes the folder at {@code path}; returns it as now configured. */
  public synchronized FolderConfig setPaused(Path path, boolean paused)
      throws ConfigException, IOException {
    String dir = path.toAbsolutePath().normalize().toString();
    List<FolderConfig> folders = new ArrayList<>(config.folders());
    for (int i = 0; i < folders.size(); i++) {
      if (folders.get(i).path().equals(dir)) {
        FolderConfig changed = folders.get(i).withPaused(paused);
        folders.set(i, changed);
        save(config.withFolders(folders));
        return changed;
      }
    }
    throw new ConfigException("no shared folder at " + dir);
  }

  /**
   * Replaces the settings the web interface edits: discovery switches (null keeps a switch as
   * it is) and the listen address (null keeps it; checked as HOST:PORT).
   */
  public synchronized NodeConfig updateSettings(Boolean lan, Boolean tracker, Boolean dht,
      String listen) throws ConfigException, IOException {
    if (listen != null) {
      try {
        DaemonOptions.parseAddress(listen);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("listen address: " + e.getMessage());
      }
    }
    DiscoveryConfig d = config.discovery();
    DiscoveryConfig next = new DiscoveryConfig(lan == null ? d.lan() : lan,
        tracker == null ? d.tracker() : tracker, dht == null ? d.dht() : dht, d.trackers(),
        d.dhtBootstrap());
    save(config.withDiscovery(next).withListen(listen == null ? config.listen() : listen));
    return config;
  }

  /** Parses a key that can name a folder (not an invite); one-line error otherwise. */
  public static FolderKey parseFolderKey(String keyText) throws ConfigException {
    FolderKey key;
    try {
      key = FolderKey.parse(keyText);
    } catch (KeyFormatException e) {
      throw new ConfigException("invalid key: " + e.getMessage());
    }
    if (key.kind() == KeyKind.INVITE) {
      throw new ConfigException("a one-time key (C...) cannot be added as a folder key;"
          + " use 'invite accept'");
    }
    return key;
  }

  private void save(NodeConfig next) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    JSON.writeValue(tmp.toFile(), next);
    try (var ch = java.nio.channels.FileChannel.open(tmp,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    config = next;
  }
}
