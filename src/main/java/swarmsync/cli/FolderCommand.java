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
import swarmsync.util.FileTrees;

/**
 * {@code swarmsync folder ...}: share, unshare and list folders (and, in their own
 * classes, a folder's local changes, revert and keys). Goes through the daemon when
 * one runs with this home, else edits the home's configuration directly.
 */
@Command(name = "folder", description = "Add, remove and list shared folders.",
    subcommands = {FolderCommand.Add.class, FolderCommand.Remove.class,
        FolderCommand.ListCmd.class, FolderCommand.Pause.class, FolderCommand.Resume.class,
        FolderLocalChangesCommand.class, FolderRevertCommand.class, FolderKeysCommand.class})
final class FolderCommand {

  @Command(name = "add", description = "Share a folder under a key.")
  static final class Add implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--key", required = true, paramLabel = "KEY") String key;
    @Option(names = "--peer", paramLabel = "HOST:PORT",
        description = "A peer to connect to for this folder (repeatable).")
    List<String> peers = new ArrayList<>();
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    public Integer call() throws Exception {
      String absolute = path.toAbsolutePath().normalize().toString();
      if (home.daemonRunning()) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", absolute);
        body.put("key", key);
        body.put("peers", peers);
        ApiClient.forHome(home.layout()).post("/rest/folders", body);
      } else {
        ConfigStore.parseFolderKey(key);
        ConfigStore.open(home.layout().create()).addFolder(path, key, peers);
      }
      System.out.println("added " + absolute);
      return 0;
    }
  }

  @Command(name = "remove", description = "Stop sharing a folder; sends no deletions.")
  static final class Remove implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--delete-files", description = "Also delete the folder's files here.")
    boolean deleteFiles;
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    public Integer call() throws Exception {
      String absolute = path.toAbsolutePath().normalize().toString();
      if (home.daemonRunning()) {
        ApiClient.forHome(home.layout()).delete("/rest/folders?path=" + ApiClient.query(absolute)
            + "&delete_files=" + deleteFiles);
      } else {
        ConfigStore.open(home.layout()).removeFolder(path);
        if (deleteFiles) {
          FileTrees.delete(Path.of(absolute));
        }
      }
      System.out.println("removed " + absolute);
      return 0;
    }
  }

  @Command(name = "pause", description = "Stop scanning and syncing a folder until resumed.")
  static final class Pause implements Callable<Integer> {
    @Mixin HomeOption home;
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    public Integer call() throws Exception {
      setPaused(home, path, true);
      System.out.println("paused " + path.toAbsolutePath().normalize());
      return 0;
    }
  }

  @Command(name = "resume", description = "Scan and sync a paused folder again.")
  static final class Resume implements Callable<Integer> {
    @Mixin HomeOption home;
    @Parameters(paramLabel = "PATH") Path path;

    @Override
    public Integer call() throws Exception {
      setPaused(home, path, false);
      System.out.println("resumed " + path.toAbsolutePath().normalize());
      return 0;
    }
  }

  private static void setPaused(HomeOption home, Path path, boolean paused) throws Exception {
    String absolute = path.toAbsolutePath().normalize().toString();
    if (home.daemonRunning()) {
      ApiClient.forHome(home.layout()).post("/rest/folders/" + (paused ? "pause" : "resume")
          + "?path=" + ApiClient.query(absolute), Map.of());
    } else {
      ConfigStore.open(home.layout()).setPaused(path, paused);
    }
  }

  @Command(name = "list", description = "List shared folders.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--json", description = "Print JSON.") boolean json;

    @Override
    public Integer call() throws Exception {
      List<Map<String, Object>> folders = home.daemonRunning() ? fromDaemon() : fromConfig();
      if (json) {
        Output.printJson(folders);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (Map<String, Object> f : folders) {
        rows.add(List.of(String.valueOf(f.get("path")), String.valueOf(f.get("key_kind")),
            Boolean.TRUE.equals(f.get("paused")) ? "paused" : "active",
            String.valueOf(f.get("folder_id"))));
      }
      Output.printTable(List.of("PATH", "KEY", "STATE", "FOLDER ID"), rows);
      return 0;
    }

    private List<Map<String, Object>> fromDaemon() throws IOException {
      JsonNode list = ApiClient.forHome(home.layout()).get("/rest/folders");
      List<Map<String, Object>> folders = new ArrayList<>();
      for (JsonNode f : list) {
        List<String> peers = new ArrayList<>();
        f.path("peers").forEach(p -> peers.add(p.asText()));
        folders.add(folder(f.get("path").asText(), f.get("folder_id").asText(),
            f.get("key_kind").asText(), peers, f.path("paused").asBoolean(false)));
      }
      return folders;
    }

    private List<Map<String, Object>> fromConfig() throws IOException {
      List<Map<String, Object>> folders = new ArrayList<>();
      for (FolderConfig f : ConfigStore.open(home.layout()).current().folders()) {
        FolderKey key = FolderKey.parse(f.key());
        folders.add(folder(f.path(), key.folderId(), key.kind().jsonName(), f.peers(),
            f.isPaused()));
      }
      return folders;
    }

    private static Map<String, Object> folder(String path, String id, String kind,
        List<String> peers, boolean paused) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      m.put("folder_id", id);
      m.put("key_kind", kind);
      m.put("peers", peers);
      m.put("paused", paused);
      return m;
    }
  }
}
