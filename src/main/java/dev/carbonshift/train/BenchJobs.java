package dev.carbonshift.train;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.LocalDateTime;

/** The variants of a shipped job that the training bench runs: other data, seed, start, name. */
final class BenchJobs {
  /** The held-out window alone: a week of hourly points (or 100 days) after all training data. */
  static final DatasetSpec.Split SPLIT = new DatasetSpec.Split(0.85, 0.15, 0.0);

  private BenchJobs() {}

  static DatasetSpec data(DatasetSpec d, String file, LocalDateTime from, LocalDateTime to) {
    String path = d.path() == null ? file : Path.of(d.path()).resolveSibling(file).toString();
    return new DatasetSpec(
        path,
        d.features(),
        d.label(),
        d.timeColumn(),
        from == null ? d.from() : from.toString(),
        to == null ? d.to() : to.toString(),
        d.window(),
        d.horizon(),
        d.fraction(),
        d.filter(),
        SPLIT,
        d.lags(),
        d.naive());
  }

  static JobSpec variant(
      JobSpec j,
      String name,
      Strategy strategy,
      String baseModel,
      DatasetSpec data,
      NetworkSpec net) {
    return variant(j, name, strategy, baseModel, data, net, null);
  }

  /** A variant that keeps {@code target} as its stopping rule (null: patience and epochs only). */
  static JobSpec variant(
      JobSpec j,
      String name,
      Strategy strategy,
      String baseModel,
      DatasetSpec data,
      NetworkSpec net,
      Target target) {
    return j.withModel(name, strategy, baseModel).withTraining(data, net, target);
  }
}
