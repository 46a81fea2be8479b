package swarmsync.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import swarmsync.api.Json;

/** How the CLI prints: JSON for scripts, aligned tables for people. */
final class Output {
  private Output() {}

  static void printJson(Object value) throws IOException {
    System.out.println(Json.mapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(value));
  }

  /** Prints rows as a table whose columns are as wide as their widest cell. */
  static void printTable(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    int[] widths = new int[header.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i)
            : String.format("%-" + widths[i] + "s  ", row.get(i)));
      }
      System.out.println(line.toString().stripTrailing());
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
