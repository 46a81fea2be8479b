package swarmsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swarmsync.api.client.ApiClient;

/**
 * {@code swarmsync folder local-changes}: what was changed, added or deleted in a read-only
 * folder on this device, which stays here until {@code folder revert}. Asks the daemon.
 */
@Command(name = "local-changes",
    description = "List a read-only folder's local changes (kept here, never sent).")
final class FolderLocalChangesCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Option(names = "--json", description = "Print JSON.") boolean json;
  @Parameters(paramLabel = "PATH", description = "The shared folder.") Path folder;

  @Override
  public Integer call() throws Exception {
    String absolute = folder.toAbsolutePath().normalize().toString();
    JsonNode changes = ApiClient.forHome(home.layout())
        .get("/rest/folders/local-changes?path=" + ApiClient.query(absolute));
    if (json) {
      Output.printJson(changes);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode c : changes) {
      rows.add(List.of(c.get("change").asText(), c.get("type").asText(),
          Output.bytes(c.get("size").asLong()), c.get("path").asText()));
    }
    Output.printTable(List.of("CHANGE", "TYPE", "SIZE", "PATH"), rows);
    return 0;
  }
}
