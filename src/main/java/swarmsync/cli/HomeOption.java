package swarmsync.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import swarmsync.config.HomeLayout;
import swarmsync.config.HomeLock;

/** The {@code --home DIR} option every node command takes. */
final class HomeOption {
  @Option(names = "--home", required = true, paramLabel = "DIR",
      description = "The node's home directory.")
  Path home;

  HomeLayout layout() {
    return new HomeLayout(home);
  }

  boolean daemonRunning() throws IOException {
    return HomeLock.isHeld(layout());
  }
}
