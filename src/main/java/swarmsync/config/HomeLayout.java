package swarmsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where a node keeps its state: every file of a home directory, by purpose. */
public record HomeLayout(Path home) {

  public HomeLayout {
    home = home.toAbsolutePath().normalize();
  }

  /** Creates the home, owner-only, if it does not exist. */
  public HomeLayout create() throws IOException {
    if (!Files.isDirectory(home)) {
      Files.createDirectories(home, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
    return this;
  }

  public Path config() {
    return home.resolve("config.json");
  }

  public Path index() {
    return home.resolve("index.db");
  }

  public Path apiKey() {
    return home.resolve("api-key");
  }

  /** Written by a running daemon: where its REST API listens and its process id. */
  public Path daemonState() {
    return home.resolve("daemon.json");
  }

  /** The web interface password's salted hash (see {@link PasswordFile}). */
  public Path guiPassword() {
    return home.resolve("gui-password");
  }

  /** Held locked by the running daemon. */
  public Path lockFile() {
    return home.resolve("daemon.lock");
  }
}
