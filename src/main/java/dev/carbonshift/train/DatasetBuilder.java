package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns a {@link DatasetSpec} into samples: filter, time range, fraction, windows, split. */
final class DatasetBuilder {
  /** Fewer samples than this cannot fill a train, validation and test split meaningfully. */
  static final int MIN_SAMPLES = 10;

  private DatasetBuilder() {}

  static PreparedData build(DatasetSpec spec, Path baseDir) {
    if (spec == null || spec.path() == null || spec.label() == null) {
      throw new DatasetException("the job's dataset needs a path and a label column");
    }
    Path file = baseDir.resolve(spec.path()).normalize();
    CsvTable table = CsvTable.read(file);
    List<CsvTable.Row> rows = select(table, spec);
    if (rows.isEmpty()) {
      throw new DatasetException(table.file() + ": no rows left after filter and time range");
    }
    int labelCol = table.column(spec.label());
    List<String> featureNames = spec.features().isEmpty() ? List.of(spec.label()) : spec.features();
    if (spec.features().isEmpty() && spec.window() <= 0) {
      throw new DatasetException(table.file() + ": name feature columns or give a window");
    }
    int[] featureCols = featureNames.stream().mapToInt(table::column).toArray();
    double[][] values = new double[rows.size()][featureCols.length];
    double[] labels = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int f = 0; f < featureCols.length; f++) {
        values[r][f] = table.number(rows.get(r), featureCols[f]);
      }
      labels[r] = table.number(rows.get(r), labelCol);
    }
    int window = Math.max(spec.window(), 0);
    int horizon = Math.max(spec.horizon(), 1);
    int lead = window == 0 ? 0 : window + horizon - 1;
    int n = rows.size() - lead;
    if (n < MIN_SAMPLES) {
      throw new DatasetException(
          table.file() + ": only " + Math.max(n, 0) + " samples; at least " + MIN_SAMPLES);
    }
    double[][] inputs = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      inputs[i] = window == 0 ? values[i].clone() : flatten(values, i, window);
      y[i] = labels[i + lead];
    }
    DatasetSpec.Split split = spec.split() == null ? DatasetSpec.Split.DEFAULT : spec.split();
    int trainEnd = Math.max(1, (int) Math.floor(n * split.train()));
    int valEnd = Math.min(n - 1, trainEnd + Math.max(1, (int) Math.floor(n * split.validation())));
    return new PreparedData(
        inputs,
        y,
        window,
        featureCols.length,
        trainEnd,
        valEnd,
        rows.get(0).line(),
        rows.get(rows.size() - 1).line(),
        fingerprint(rows, featureNames, spec));
  }

  private static List<CsvTable.Row> select(CsvTable table, DatasetSpec spec) {
    int filterCol = -1;
    String filterValue = null;
    if (spec.filter() != null && !spec.filter().isBlank()) {
      int eq = spec.filter().indexOf('=');
      if (eq < 1) {
        throw new DatasetException("dataset filter must be column=value: " + spec.filter());
      }
      filterCol = table.column(spec.filter().substring(0, eq).trim());
      filterValue = spec.filter().substring(eq + 1).trim();
    }
    boolean ranged = spec.from() != null || spec.to() != null;
    if (ranged && spec.timeColumn() == null) {
      throw new DatasetException("dataset from/to need a timeColumn");
    }
    int timeCol = spec.timeColumn() == null ? -1 : table.column(spec.timeColumn());
    var from = spec.from() == null ? null : Times.parse(spec.from(), "dataset.from");
    var to = spec.to() == null ? null : Times.parse(spec.to(), "dataset.to");
    List<CsvTable.Row> kept = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      if (filterCol >= 0 && !row.cells().get(filterCol).trim().equals(filterValue)) {
        continue;
      }
      if (ranged) {
        var t = Times.parseCell(table, row, timeCol);
        if ((from != null && t.isBefore(from)) || (to != null && !t.isBefore(to))) {
          continue;
        }
      }
      kept.add(row);
    }
    double fraction = spec.fraction() > 0 && spec.fraction() < 1 ? spec.fraction() : 1.0;
    int keep = (int) Math.ceil(kept.size() * fraction);
    return kept.subList(0, keep);
  }

  private static double[] flatten(double[][] values, int start, int window) {
    int f = values[0].length;
    double[] out = new double[window * f];
    for (int t = 0; t < window; t++) {
      System.arraycopy(values[start + t], 0, out, t * f, f);
    }
    return out;
  }

  private static String fingerprint(List<CsvTable.Row> rows, List<String> features, DatasetSpec s) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String columns = features + "|" + s.label() + "|" + s.window() + "|" + s.horizon();
      sha.update(columns.getBytes(StandardCharsets.UTF_8));
      for (CsvTable.Row row : rows) {
        sha.update(row.raw().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
