package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Turns a {@link DatasetSpec} into samples: filter, time range, fraction, windows, split. */
final class DatasetBuilder {
  /** Fewer samples than this cannot fill a train, validation and test split meaningfully. */
  static final int MIN_SAMPLES = 10;

  static final long DAY = 86_400;

  private DatasetBuilder() {}

  static PreparedData build(DatasetSpec spec, Path baseDir) {
    return build(spec, baseDir, true);
  }

  /**
   * Every sample of {@code spec} for a stored version to predict, without a train, validation and
   * test split (the monitor predicts a few new days, fewer than a held-out window): all of them
   * form the "test" window, scored against no naive forecast.
   */
  static PreparedData samples(DatasetSpec spec, Path baseDir) {
    return build(spec, baseDir, false);
  }

  private static PreparedData build(DatasetSpec spec, Path baseDir, boolean split) {
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
    boolean lagged = !spec.lags().isEmpty();
    List<String> featureNames =
        lagged || spec.features().isEmpty() ? List.of(spec.label()) : spec.features();
    if (spec.features().isEmpty() && spec.window() <= 0 && !lagged) {
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
    LocalDateTime[] times = times(table, rows, spec);
    long step = medianStepSeconds(times);
    int window = lagged ? 0 : Math.max(spec.window(), 0);
    int horizon = Math.max(spec.horizon(), 1);
    // the naive forecast the label is a residual over, as a lag from the target row (0 = none)
    int naiveLag = naiveLag(spec, step, horizon, featureNames, table.file());
    int inputLead = spec.lead();
    int lead = Math.max(inputLead, naiveLag);
    int n = rows.size() - lead;
    if (!split && n < 1) {
      throw new DatasetException(
          table.file()
              + ": no sample to predict in "
              + rows.size()
              + " rows (window "
              + lead
              + ")");
    }
    if (split && n < MIN_SAMPLES) {
      throw new DatasetException(
          table.file() + ": only " + Math.max(n, 0) + " samples; at least " + MIN_SAMPLES);
    }
    double[][] inputs = new double[n][];
    double[] y = new double[n];
    String[] when = new String[n];
    double[] anchors = new double[n];
    int[] lags = spec.lags().stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < n; i++) {
      int target = i + lead;
      anchors[i] = naiveLag > 0 ? labels[target - naiveLag] : 0;
      if (lagged) {
        // each lag relative to the naive forecast: inputs and label are both departures from
        // it, so a network that outputs zero is exactly the naive forecast, at any level
        inputs[i] = new double[lags.length];
        for (int k = 0; k < lags.length; k++) {
          inputs[i][k] = labels[target - lags[k]] - anchors[i];
        }
      } else if (window == 0) {
        inputs[i] = values[target].clone();
      } else {
        inputs[i] = flatten(values, target - inputLead, window);
      }
      y[i] = labels[target] - anchors[i];
      when[i] = times == null ? "line " + rows.get(target).line() : iso(times[target]);
    }
    int featureCount = lagged ? lags.length : featureCols.length;
    boolean residual = spec.naive() != null;
    if (!split) {
      return new PreparedData(
          inputs,
          y,
          window,
          featureCount,
          0,
          0,
          rows.get(0).line(),
          rows.get(rows.size() - 1).line(),
          fingerprint(rows, featureNames, spec),
          when,
          new TestWindow(when[0], when[n - 1], n, Map.of()),
          anchors,
          residual);
    }
    DatasetSpec.Split shares = spec.split() == null ? DatasetSpec.Split.DEFAULT : spec.split();
    int minTest = minTestSamples(step);
    int test = Math.max(minTest, (int) Math.floor(n * shares.test()));
    int rest = n - test;
    if (rest < MIN_SAMPLES) {
      throw new DatasetException(
          table.file()
              + ": "
              + n
              + " samples leave "
              + Math.max(rest, 0)
              + " for training and validation after the held-out test window of "
              + test
              + " (at least "
              + minTest
              + (step > 0 && step < DAY ? ", a week of hourly points" : "")
              + "); select at least "
              + (minTest + MIN_SAMPLES + lead)
              + " rows");
    }
    double share = shares.train() / Math.max(1e-9, shares.train() + shares.validation());
    int trainEnd = Math.min(rest - 1, Math.max(1, (int) Math.floor(rest * share)));
    int valEnd = rest;
    Map<String, Map<String, Double>> naive =
        Baselines.score(labels, lead, horizon, spec.forecaster(), step, trainEnd, valEnd, n);
    TestWindow tw = new TestWindow(when[valEnd], when[n - 1], n - valEnd, naive);
    return new PreparedData(
        inputs,
        y,
        window,
        featureCount,
        trainEnd,
        valEnd,
        rows.get(0).line(),
        rows.get(rows.size() - 1).line(),
        fingerprint(rows, featureNames, spec),
        when,
        tw,
        anchors,
        residual);
  }

  /**
   * Rows back from a target row to its naive forecast: {@code dataset.naive}, or by default the
   * last value known at forecast time for a forecaster whose label is one of its inputs; 0 none.
   */
  private static int naiveLag(
      DatasetSpec spec, long step, int horizon, List<String> inputs, String file) {
    String naive = spec.naive();
    if (naive == null) {
      boolean anchored = spec.window() > 0 && inputs.contains(spec.label());
      return anchored ? horizon : 0;
    }
    if (naive.equals(DatasetSpec.NAIVE_LAST)) {
      return horizon;
    }
    long period = naive.equals(DatasetSpec.NAIVE_DAY) ? DAY : 7 * DAY;
    if (step <= 0 || step > period || period % step != 0) {
      throw new DatasetException(
          file
              + ": dataset.naive "
              + naive
              + " needs a timeColumn whose step divides "
              + (period == DAY ? "a day" : "a week")
              + (step > 0 ? " (the data's step is " + step + " s)" : ""));
    }
    return Baselines.seasonalLag((int) (period / step), horizon);
  }

  /**
   * Held-out samples a version must be scored on: a week for data sampled more often than daily
   * (168 hourly points, more for finer steps), else 100.
   */
  static int minTestSamples(long stepSeconds) {
    if (stepSeconds > 0 && stepSeconds < DAY) {
      return (int) Math.max(TestWindow.MIN_SUBDAILY_SAMPLES, Math.ceil(7.0 * DAY / stepSeconds));
    }
    return TestWindow.MIN_OTHER_SAMPLES;
  }

  private static LocalDateTime[] times(CsvTable table, List<CsvTable.Row> rows, DatasetSpec spec) {
    if (spec.timeColumn() == null) {
      return null;
    }
    int col = table.column(spec.timeColumn());
    LocalDateTime[] t = new LocalDateTime[rows.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = Times.parseCell(table, rows.get(i), col);
      if (i > 0 && !t[i].isAfter(t[i - 1])) {
        throw DatasetException.at(
            table.file(),
            rows.get(i).line(),
            col + 1,
            "time " + t[i] + " is not after the previous row's; rows must be in time order");
      }
    }
    return t;
  }

  private static long medianStepSeconds(LocalDateTime[] t) {
    if (t == null || t.length < 2) {
      return 0;
    }
    long[] d = new long[t.length - 1];
    for (int i = 1; i < t.length; i++) {
      d[i - 1] = Duration.between(t[i - 1], t[i]).getSeconds();
    }
    Arrays.sort(d);
    return d[d.length / 2];
  }

  private static String iso(LocalDateTime t) {
    return t.atOffset(ZoneOffset.UTC).toInstant().toString();
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
      if (!s.lags().isEmpty() || s.naive() != null) {
        // only then, so that the fingerprints of descriptors without them do not change
        columns += "|lags " + s.lags() + "|naive " + s.naive();
      }
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
