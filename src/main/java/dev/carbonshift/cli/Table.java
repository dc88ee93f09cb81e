package dev.carbonshift.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns as wide as their widest cell. */
final class Table {
  private final String[] header;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    this.header = header;
  }

  Table row(String... cells) {
    if (cells.length != header.length) {
      throw new IllegalArgumentException("expected " + header.length + " cells");
    }
    rows.add(cells);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    int[] w = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      w[i] = header[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i] == null ? 1 : r[i].length());
      }
    }
    line(out, header, w);
    for (String[] r : rows) {
      line(out, r, w);
    }
  }

  private static void line(PrintWriter out, String[] cells, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i] == null ? "-" : cells[i];
      sb.append(c);
      if (i < cells.length - 1) {
        sb.append(" ".repeat(w[i] - c.length() + 2));
      }
    }
    out.println(sb.toString().stripTrailing());
  }
}
