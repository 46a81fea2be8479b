package swarmsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import swarmsync.api.client.ApiClient;

/**
 * {@code swarmsync folder revert}: puts the global version back for every local change of a
 * read-only folder; edited and added files go to the archive first. Needs the running daemon,
 * which fetches the global versions from peers.
 */
@Command(name = "revert",
    description = "Put a read-only folder's global version back; local edits are archived.")
final class FolderRevertCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Parameters(paramLabel = "PATH", description = "The shared folder.") Path folder;

  @Override
  public Integer call() throws Exception {
    String absolute = folder.toAbsolutePath().normalize().toString();
    if (!home.daemonRunning()) {
      throw new IOException("folder revert needs the running daemon of " + home.home
          + " (it fetches the global versions from peers): start it with swarmsync daemon");
    }
    JsonNode result = ApiClient.forHome(home.layout()).post("/rest/folders/revert",
        Map.of("path", absolute));
    System.out.println("reverted " + result.get("reverted").asInt() + " local changes in "
        + absolute + (result.get("kept").asInt() > 0
            ? "; kept " + result.get("kept").asInt() + " (see the daemon's log)" : ""));
    return 0;
  }
}
