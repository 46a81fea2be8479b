package swarmsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swarmsync.api.client.ApiClient;

/**
 * {@code swarmsync archive ...}: the versions a peer's change replaced or deleted, kept in
 * {@code .sync/Archive}, and putting one back. Goes through the running daemon.
 */
@Command(name = "archive", description = "List and restore archived versions of files.",
    subcommands = {ArchiveCommand.ListCmd.class, ArchiveCommand.Restore.class})
final class ArchiveCommand {

  @Command(name = "list", description = "List a folder's archived versions.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Parameters(paramLabel = "PATH", description = "The shared folder.") Path folder;

    @Override
    public Integer call() throws Exception {
      String absolute = folder.toAbsolutePath().normalize().toString();
      JsonNode versions = ApiClient.forHome(home.layout())
          .get("/rest/folders/archive?path=" + ApiClient.query(absolute));
      if (json) {
        Output.printJson(versions);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode v : versions) {
        rows.add(List.of(v.get("original_path").asText(), v.get("archived_at").asText(),
            Output.bytes(v.get("size").asLong()), v.get("archived_path").asText()));
      }
      Output.printTable(List.of("FILE", "ARCHIVED AT", "SIZE", "ARCHIVED AS"), rows);
      return 0;
    }
  }

  @Command(name = "restore",
      description = "Put an archived version back; what is there now is archived first.")
  static final class Restore implements Callable<Integer> {
    @Mixin HomeOption home;
    @Parameters(index = "0", paramLabel = "PATH", description = "The shared folder.")
    Path folder;
    @Parameters(index = "1", paramLabel = "ARCHIVED",
        description = "The archived path, as 'archive list' shows it.")
    String archived;

    @Override
    public Integer call() throws Exception {
      String absolute = folder.toAbsolutePath().normalize().toString();
      JsonNode result = ApiClient.forHome(home.layout()).post("/rest/folders/archive/restore",
          Map.of("path", absolute, "archived", archived));
      System.out.println("restored " + result.get("restored").asText());
      return 0;
    }
  }
}
