package swarmsync.api;

/** Renders the node's figures in the Prometheus text exposition format. */
final class Metrics {
  private Metrics() {}

  static String render(StatusView status) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP swarmsync_folder_local_files Files this device has in the folder.\n")
        .append("# TYPE swarmsync_folder_local_files gauge\n");
    status.folders().forEach(f -> line(out, "swarmsync_folder_local_files", f, f.localFiles()));
    out.append("# HELP swarmsync_folder_local_bytes Bytes this device has in the folder.\n")
        .append("# TYPE swarmsync_folder_local_bytes gauge\n");
    status.folders().forEach(f -> line(out, "swarmsync_folder_local_bytes", f, f.localBytes()));
    out.append("# HELP swarmsync_folder_need_bytes Bytes still to fetch for the folder.\n")
        .append("# TYPE swarmsync_folder_need_bytes gauge\n");
    status.folders().forEach(f -> line(out, "swarmsync_folder_need_bytes", f, f.needBytes()));
    out.append("# HELP swarmsync_folder_peers Connected peers of the folder.\n")
        .append("# TYPE swarmsync_folder_peers gauge\n");
    status.folders().forEach(f -> line(out, "swarmsync_folder_peers", f, f.peers().size()));
    return out.toString();
  }

  private static void line(StringBuilder out, String name, FolderStatusView f, long value) {
    out.append(name).append("{folder=\"").append(f.folderId()).append("\"} ").append(value)
        .append('\n');
  }
}
