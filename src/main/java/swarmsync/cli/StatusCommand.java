package swarmsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import swarmsync.api.client.ApiClient;

/** {@code swarmsync status}: the running daemon's device id and folder figures. */
@Command(name = "status", description = "Show the daemon's folders, peers and progress.")
final class StatusCommand implements Callable<Integer> {
  /** How often {@code --watch} refreshes. */
  private static final long WATCH_INTERVAL_MS = 1000;

  @Mixin HomeOption home;
  @Option(names = "--json", description = "Print JSON.") boolean json;
  @Option(names = "--watch", description = "Refresh every second until interrupted.")
  boolean watch;

  @Override
  public Integer call() throws Exception {
    ApiClient client = ApiClient.forHome(home.layout());
    do {
      JsonNode status = client.get("/rest/status");
      if (json) {
        Output.printJson(status);
      } else {
        if (watch) {
          System.out.print("\033[H\033[2J");
        }
        printHuman(status);
      }
      if (watch) {
        Thread.sleep(WATCH_INTERVAL_MS);
      }
    } while (watch);
    return 0;
  }

  private static void printHuman(JsonNode status) {
    System.out.println("device " + status.get("device_id").asText());
    JsonNode mapping = status.path("port_mapping");
    if (mapping.isObject()) {
      JsonNode lease = mapping.path("lease_seconds_left");
      System.out.println("port mapping " + mapping.get("protocol").asText() + " "
          + mapping.get("external_address").asText() + ":"
          + mapping.get("external_port").asInt() + " -> :" + mapping.get("internal_port").asInt()
          + (lease.isNumber() ? " (lease " + lease.asLong() + " s left)" : " (permanent)")
          + (mapping.path("udp_external_port").isNumber()
              ? ", DHT udp :" + mapping.get("udp_external_port").asInt() : ""));
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode f : status.get("folders")) {
      long need = f.get("need_bytes").asLong();
      long have = f.get("local_bytes").asLong();
      rows.add(List.of(f.get("path").asText(), f.get("key_kind").asText(),
          f.get("state").asText(), String.valueOf(f.get("local_files").asLong()),
          Output.bytes(have), Output.bytes(need), progressBar(have, need),
          String.valueOf(f.get("peers").size()), f.get("in_sync").asBoolean() ? "yes" : "no",
          String.valueOf(f.path("locally_changed_files").asLong())));
    }
    Output.printTable(List.of("PATH", "KEY", "STATE", "FILES", "SIZE", "NEED", "PROGRESS",
        "PEERS", "IN SYNC", "LOCAL CHANGES"), rows);
  }

  static String progressBar(long have, long need) {
    int width = 20;
    double done = have + need == 0 ? 1.0 : (double) have / (have + need);
    int filled = (int) Math.round(done * width);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] "
        + Math.round(done * 100) + "%";
  }
}
