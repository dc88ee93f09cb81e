package dev.carbonshift.daemon;

import dev.carbonshift.adapt.Wiring;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.job.JobState;
import dev.carbonshift.region.Region;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.ModelVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The self-adaptation loop's view of the store, the intake and the carbon sources. */
final class AdaptWiring implements Wiring {
  private final Carbonshift cs;

  AdaptWiring(Carbonshift cs) {
    this.cs = cs;
  }

  @Override
  public Optional<Origin> originOf(ModelVersion v) {
    for (StoredJob j : cs.jobs().all()) {
      if (v.name().equals(j.model())
          && cs.models().producedBy(j.id()).map(p -> p.version() == v.version()).orElse(false)) {
        return Optional.of(origin(j));
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Origin> job(String jobId) {
    return cs.jobs().find(jobId).map(this::origin);
  }

  private Origin origin(StoredJob j) {
    Path base =
        j.sourceFile() == null
            ? Path.of("").toAbsolutePath()
            : Path.of(j.sourceFile()).toAbsolutePath().getParent();
    return new Origin(j.id(), j.descriptor(), JobIntake.specOf(j, cs.catalog(), cs.clock()), base);
  }

  @Override
  public String submit(String name, String yaml, Path sourceFile) {
    return cs.intake().submitText(name + ".yaml", yaml, sourceFile).id();
  }

  @Override
  public JobStatus status(String jobId) {
    JobState s = cs.jobs().find(jobId).map(StoredJob::state).orElse(JobState.FAILED);
    return switch (s) {
      case SUCCEEDED -> JobStatus.DONE;
      case FAILED, CANCELLED -> JobStatus.FAILED;
      default -> JobStatus.WAITING;
    };
  }

  @Override
  public double[] cost(String jobId) {
    double kwh = 0;
    double kg = 0;
    for (RunRecord r : cs.runs().forJob(jobId)) {
      if (r.accounting() != null) {
        kwh += r.accounting().itKwh();
        kg += r.accounting().kgCo2e() == null ? 0 : r.accounting().kgCo2e();
      }
    }
    return new double[] {kwh, kg};
  }

  @Override
  public double[] recentCost(String model, Instant since) {
    double kwh = 0;
    double kg = 0;
    for (StoredJob j : cs.jobs().all()) {
      if (model.equals(j.model()) && !j.submittedAt().isBefore(since)) {
        double[] c = cost(j.id());
        kwh += c[0];
        kg += c[1];
      }
    }
    return new double[] {kwh, kg};
  }

  @Override
  public double[] grid(String regionId) {
    Optional<Region> r = regionId == null ? Optional.empty() : cs.catalog().find(regionId);
    if (r.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    Instant now = cs.clock().instant();
    var f = cs.sources().forecast(r.get(), now, now.plus(Duration.ofDays(1))).forecast();
    double current = Double.NaN;
    double min = Double.NaN;
    for (IntensityPoint p : f.points()) {
      if (p.covers(now)) {
        current = p.gramsPerKwh();
      }
      min = Double.isNaN(min) ? p.gramsPerKwh() : Math.min(min, p.gramsPerKwh());
    }
    return new double[] {current, min};
  }
}
