package dev.carbonshift.job;

import dev.carbonshift.config.Fields;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The dataset and network parts of a descriptor. */
final class DescriptorParts {
  private static final Set<String> DATASET_FIELDS =
      Set.of(
          "path",
          "features",
          "label",
          "timeColumn",
          "from",
          "to",
          "window",
          "horizon",
          "fraction",
          "filter",
          "split",
          "lags",
          "naive");
  private static final List<String> NAIVE =
      List.of(DatasetSpec.NAIVE_LAST, DatasetSpec.NAIVE_DAY, DatasetSpec.NAIVE_WEEK);
  private static final Set<String> SPLIT_FIELDS = Set.of("train", "validation", "test");
  private static final Set<String> NETWORK_FIELDS =
      Set.of(
          "type",
          "layers",
          "activation",
          "dropout",
          "updater",
          "learningRate",
          "epochs",
          "batchSize",
          "earlyStoppingPatience",
          "seed",
          "freezeLayers",
          "fineTuneLearningRate");
  private static final Set<String> TYPES = Set.of("mlp", "lstm");
  private static final Set<String> UPDATERS = Set.of("adam", "sgd", "nesterovs", "rmsprop");
  private static final Set<String> ACTIVATIONS =
      Set.of("relu", "tanh", "sigmoid", "identity", "leakyrelu", "elu", "softmax");

  private DescriptorParts() {}

  static DatasetSpec dataset(Fields f) {
    if (f.isText("dataset")) {
      return new DatasetSpec(
          f.optText("dataset"),
          List.of(),
          null,
          null,
          null,
          null,
          0,
          1,
          1.0,
          null,
          DatasetSpec.Split.DEFAULT,
          List.of(),
          null);
    }
    Fields d = f.optObject("dataset");
    if (d == null) {
      return null;
    }
    d.allowOnly(DATASET_FIELDS);
    int window = d.integer("window", 0);
    if (window < 0) {
      throw d.error("window", "must not be negative");
    }
    int horizon = d.integer("horizon", 1);
    if (horizon < 1) {
      throw d.error("horizon", "must be at least 1");
    }
    double fraction = d.number("fraction", 1.0);
    if (!(fraction > 0 && fraction <= 1)) {
      throw d.error("fraction", "must be above 0 and at most 1, got " + fraction);
    }
    String filter = d.optText("filter");
    if (filter != null && !filter.matches("[^=]+=.*")) {
      throw d.error("filter", "must read column=value");
    }
    List<String> features = d.textList("features");
    String label = d.optText("label");
    List<Integer> lags = d.has("lags") ? d.intList("lags") : List.of();
    if (label == null && (window == 0 || !lags.isEmpty())) {
      throw d.error("label", "is required (the column to predict)");
    }
    if (!lags.isEmpty()) {
      if (window > 0 || (features != null && !features.isEmpty())) {
        throw d.error(
            "lags", "replace window and features: give lags alone (past labels as inputs)");
      }
      for (int lag : lags) {
        if (lag < horizon) {
          throw d.error(
              "lags",
              "every lag must be at least the horizon ("
                  + horizon
                  + ") to be known at forecast time, got "
                  + lag);
        }
      }
      if (lags.stream().distinct().count() != lags.size()) {
        throw d.error("lags", "lists a lag twice: " + lags);
      }
    }
    String naive = d.optText("naive");
    if (naive != null) {
      naive = naive.trim().toLowerCase(Locale.ROOT);
      if (!NAIVE.contains(naive)) {
        throw d.error("naive", "must be one of " + String.join(", ", NAIVE) + ", not " + naive);
      }
      if (window == 0 && lags.isEmpty()) {
        throw d.error("naive", "needs past labels as inputs (a window or lags)");
      }
    }
    return new DatasetSpec(
        d.text("path"),
        features,
        label,
        d.optText("timeColumn"),
        d.optText("from"),
        d.optText("to"),
        window,
        horizon,
        fraction,
        filter,
        split(d.optObject("split")),
        lags,
        naive);
  }

  private static DatasetSpec.Split split(Fields s) {
    if (s == null) {
      return DatasetSpec.Split.DEFAULT;
    }
    s.allowOnly(SPLIT_FIELDS);
    double train = s.number("train", 0.7);
    double val = s.number("validation", 0.15);
    double test = s.number("test", 0.15);
    if (train <= 0 || val < 0 || test <= 0 || Math.abs(train + val + test - 1) > 1e-6) {
      throw s.error("train", "train, validation and test must be positive and sum to 1");
    }
    return new DatasetSpec.Split(train, val, test);
  }

  static NetworkSpec network(Fields f) {
    Fields n = f.optObject("network");
    if (n == null) {
      return null;
    }
    n.allowOnly(NETWORK_FIELDS);
    String type = oneOf(n, "type", TYPES, "mlp");
    List<Integer> layers = n.intList("layers");
    if (layers == null) {
      layers = List.of(32, 16);
    }
    if (layers.size() > MAX_LAYERS) {
      throw n.error("layers", "at most " + MAX_LAYERS + " hidden layers, got " + layers.size());
    }
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) < 1 || layers.get(i) > MAX_UNITS) {
        throw n.error(
            "layers",
            "layer " + i + " must have 1 to " + MAX_UNITS + " units, got " + layers.get(i));
      }
    }
    double dropout = n.number("dropout", 0);
    if (dropout < 0 || dropout >= 1) {
      throw n.error("dropout", "must be in [0, 1), got " + dropout);
    }
    double lr = rate(n, "learningRate", 0.001);
    int epochs = within(n, "epochs", 10, 1, MAX_EPOCHS);
    int batch = within(n, "batchSize", 32, 1, MAX_BATCH);
    int patience = atLeast(n, "earlyStoppingPatience", 0, 0);
    int freeze = atLeast(n, "freezeLayers", 0, 0);
    if (freeze > layers.size()) {
      throw n.error(
          "freezeLayers", "cannot freeze more than the " + layers.size() + " hidden layers");
    }
    Double fineTune = n.optNumber("fineTuneLearningRate");
    if (fineTune != null && !(fineTune > 0 && fineTune <= MAX_RATE)) {
      throw n.error(
          "fineTuneLearningRate", "must be above 0 and at most " + MAX_RATE + ", got " + fineTune);
    }
    return new NetworkSpec(
        type,
        List.copyOf(layers),
        oneOf(n, "activation", ACTIVATIONS, type.equals("lstm") ? "tanh" : "relu"),
        dropout,
        oneOf(n, "updater", UPDATERS, "adam"),
        lr,
        epochs,
        batch,
        patience,
        n.longInteger("seed", 42),
        freeze,
        fineTune);
  }

  private static String oneOf(Fields n, String field, Set<String> allowed, String dflt) {
    String v = n.optText(field);
    if (v == null) {
      return dflt;
    }
    v = v.toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw n.error(
          field,
          "'" + v + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return v;
  }

  /** Bounds a trainer can honour: beyond them a job fails hours later, or never ends. */
  static final int MAX_LAYERS = 16;

  static final int MAX_UNITS = 4096;
  static final double MAX_RATE = 1.0;
  static final int MAX_EPOCHS = 10_000;
  static final int MAX_BATCH = 1 << 20;

  private static double rate(Fields n, String field, double dflt) {
    double v = n.number(field, dflt);
    if (!(v > 0 && v <= MAX_RATE)) {
      throw n.error(field, "must be above 0 and at most " + MAX_RATE + ", got " + v);
    }
    return v;
  }

  private static int within(Fields n, String field, int dflt, int min, int max) {
    int v = atLeast(n, field, dflt, min);
    if (v > max) {
      throw n.error(field, "must be at most " + max + ", got " + v);
    }
    return v;
  }

  private static int atLeast(Fields n, String field, int dflt, int min) {
    int v = n.integer(field, dflt);
    if (v < min) {
      throw n.error(field, "must be at least " + min + ", got " + v);
    }
    return v;
  }
}
