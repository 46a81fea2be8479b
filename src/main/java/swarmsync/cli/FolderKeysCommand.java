package swarmsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import swarmsync.api.client.ApiClient;
import swarmsync.config.ConfigStore;
import swarmsync.config.FolderConfig;
import swarmsync.keys.FolderKey;
import swarmsync.keys.HandOutKeys;

/**
 * {@code swarmsync folder keys}: the keys this node may hand out for a folder (an A node: A, B
 * and E; a B node: B and E). Keys are secrets: this command is the only place they are shown.
 * Asks the daemon when one runs, else reads the home's configuration.
 */
@Command(name = "keys", description = "Print the keys this node may hand out for a folder.")
final class FolderKeysCommand implements Callable<Integer> {
  @Mixin HomeOption home;
  @Option(names = "--json", description = "Print JSON.") boolean json;
  @Parameters(paramLabel = "PATH", description = "The shared folder.") Path folder;

  @Override
  public Integer call() throws Exception {
    String absolute = folder.toAbsolutePath().normalize().toString();
    Map<String, Object> view = home.daemonRunning() ? fromDaemon(absolute) : fromConfig(absolute);
    if (json) {
      Output.printJson(view);
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Map<String, String>> keys = (List<Map<String, String>>) view.get("keys");
    for (Map<String, String> k : keys) {
      rows.add(List.of(k.get("kind"), k.get("key")));
    }
    Output.printTable(List.of("KIND", "KEY"), rows);
    return 0;
  }

  private Map<String, Object> fromDaemon(String absolute) throws IOException {
    JsonNode node = ApiClient.forHome(home.layout())
        .get("/rest/folders/keys?path=" + ApiClient.query(absolute));
    List<Map<String, String>> keys = new ArrayList<>();
    for (JsonNode k : node.get("keys")) {
      keys.add(key(k.get("kind").asText(), k.get("key").asText()));
    }
    return view(node.get("path").asText(), node.get("folder_id").asText(), keys);
  }

  private Map<String, Object> fromConfig(String absolute) throws IOException {
    for (FolderConfig f : ConfigStore.open(home.layout()).current().folders()) {
      if (f.path().equals(absolute)) {
        FolderKey held = FolderKey.parse(f.key());
        List<Map<String, String>> keys = new ArrayList<>();
        for (FolderKey k : HandOutKeys.of(held)) {
          keys.add(key(k.kind().jsonName(), k.encode()));
        }
        return view(f.path(), held.folderId(), keys);
      }
    }
    throw new IOException("no shared folder at " + absolute);
  }

  private static Map<String, String> key(String kind, String key) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("key", key);
    return m;
  }

  private static Map<String, Object> view(String path, String folderId,
      List<Map<String, String>> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("folder_id", folderId);
    m.put("keys", keys);
    return m;
  }
}
