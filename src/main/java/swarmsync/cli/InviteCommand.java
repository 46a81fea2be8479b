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
import swarmsync.util.DurationText;

/**
 * {@code swarmsync invite ...}: one-time keys (C) issued by the running daemon, which announces
 * each while it is pending and answers its redemption. {@code invite accept} is added by
 * {@code Main} from the node package, because without a daemon it runs a node itself.
 */
@Command(name = "invite", description = "Issue, list, revoke and accept one-time keys.",
    subcommands = {InviteCommand.Create.class, InviteCommand.ListCmd.class,
        InviteCommand.Revoke.class})
public final class InviteCommand {

  @Command(name = "create", description = "Print a one-time key (C...) to a shared folder.")
  static final class Create implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--read-only", description = "Grant a read-only key (B).") boolean readOnly;
    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "24h",
        description = "How long the invite can be used, e.g. 30m, 24h, 7d"
            + " (default ${DEFAULT-VALUE}).")
    String expires;
    @Parameters(paramLabel = "PATH", description = "The shared folder.") Path folder;

    @Override
    public Integer call() throws Exception {
      DurationText.parse(expires);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("path", folder.toAbsolutePath().normalize().toString());
      body.put("read_only", readOnly);
      body.put("expires", expires);
      JsonNode created = daemon(home).post("/rest/invites", body);
      System.out.println(created.get("key").asText());
      return 0;
    }
  }

  @Command(name = "list", description = "List the invites this node issued.")
  static final class ListCmd implements Callable<Integer> {
    @Mixin HomeOption home;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Parameters(paramLabel = "PATH", arity = "0..1",
        description = "Only the invites to this shared folder.")
    Path folder;

    @Override
    public Integer call() throws Exception {
      List<JsonNode> invites = new ArrayList<>();
      String only = folder == null ? null : folder.toAbsolutePath().normalize().toString();
      for (JsonNode invite : daemon(home).get("/rest/invites")) {
        if (only == null || only.equals(invite.get("folder").asText())) {
          invites.add(invite);
        }
      }
      if (json) {
        Output.printJson(invites);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode i : invites) {
        rows.add(List.of(i.get("id").asText(), i.get("folder").asText(),
            i.get("grants").asText(), i.get("expires").asText(), i.get("state").asText()));
      }
      Output.printTable(List.of("ID", "FOLDER", "GRANTS", "EXPIRES", "STATE"), rows);
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke a pending invite so it can never be used.")
  static final class Revoke implements Callable<Integer> {
    @Mixin HomeOption home;
    @Parameters(paramLabel = "ID", description = "The invite's id as 'invite list' shows it.")
    String id;

    @Override
    public Integer call() throws Exception {
      JsonNode revoked = daemon(home).delete("/rest/invites?id=" + ApiClient.query(id));
      System.out.println("revoked " + revoked.get("id").asText());
      return 0;
    }
  }

  private static ApiClient daemon(HomeOption home) throws IOException {
    if (!home.daemonRunning()) {
      throw new IOException("no daemon is running with home " + home.home
          + ": invites are issued and answered by the daemon (start 'swarmsync daemon')");
    }
    return ApiClient.forHome(home.layout());
  }
}
