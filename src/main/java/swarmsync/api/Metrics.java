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
    Runtime jvm = Runtime.getRuntime();
    out.append("# HELP jvm_heap_used_bytes Bytes of the Java heap in use now.\n")
        .append("# TYPE jvm_heap_used_bytes gauge\n")
        .append("jvm_heap_used_bytes ").append(jvm.totalMemory() - jvm.freeMemory()).append('\n');
    out.append("# HELP jvm_heap_max_bytes Most bytes the Java heap may grow to (-Xmx).\n")
        .append("# TYPE jvm_heap_max_bytes gauge\n")
        .append("jvm_heap_max_bytes ").append(jvm.maxMemory()).append('\n');
    return out.toString();
  }

  private static void line(StringBuilder out, String name, FolderStatusView f, long value) {
    out.append(name).append("{folder=\"").append(f.folderId()).append("\"} ").append(value)
        .append('\n');
  }
}
