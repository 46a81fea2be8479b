package swarmsync.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import swarmsync.api.client.ApiClient;
import swarmsync.config.HomeLock;

/** {@code swarmsync stop}: asks the daemon to stop and waits until it has. */
@Command(name = "stop", description = "Stop the daemon running with this home.")
final class StopCommand implements Callable<Integer> {
  /** How long to wait for the daemon to release its home. */
  private static final long STOP_TIMEOUT_MS = 30_000;
  private static final long POLL_MS = 50;

  @Mixin HomeOption home;

  @Override
  public Integer call() throws Exception {
    if (!home.daemonRunning()) {
      throw new IOException("no daemon is running with home " + home.layout().home());
    }
    try {
      ApiClient.forHome(home.layout()).post("/rest/system/shutdown", Map.of());
    } catch (IOException e) {
      // A daemon that stops at once may cut the answer short; its lock tells the truth.
    }
    long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MS;
    while (HomeLock.isHeld(home.layout())) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("daemon did not stop within " + STOP_TIMEOUT_MS / 1000 + " s");
      }
      Thread.sleep(POLL_MS);
    }
    System.out.println("stopped");
    return 0;
  }
}
