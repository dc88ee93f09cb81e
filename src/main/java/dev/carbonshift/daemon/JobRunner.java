package dev.carbonshift.daemon;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.account.IntensityTimeline;
import dev.carbonshift.energy.account.RunAccount;
import dev.carbonshift.energy.account.RunAccounting;
import dev.carbonshift.energy.account.RunEnergy;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.JobState;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.Trainer;
import dev.carbonshift.train.TrainingListener;
import dev.carbonshift.train.TrainingOutcome;
import dev.carbonshift.train.TrainingRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a planned job: marks it running, trains it under the energy meter, accounts the run (IT
 * kWh × PUE × the intensity seen, against the same energy at submission at home) and records the
 * outcome. A run stopped at a checkpoint goes back to the queue and resumes from it.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobRepository jobs;
  private final PlacementRepository placements;
  private final RunRepository runs;
  private final ModelVersionRepository models;
  private final RegionCatalog catalog;
  private final CarbonSources sources;
  private final Trainer trainer;
  private final EnergyMeter meter;
  private final Clock clock;

  /**
   * @param timeShift replays a job at its placed window although it runs now: the offline demo runs
   *     every job at once, and accounts it at the intensities of the window it was given
   */
  public record Options(boolean timeShift, TrainingListener listener) {}

  /** How a run ended, with its accounting when it completed. */
  public record Result(StoredJob job, TrainingOutcome outcome, Optional<RunAccount> account) {}

  public JobRunner(
      JobRepository jobs,
      PlacementRepository placements,
      RunRepository runs,
      ModelVersionRepository models,
      RegionCatalog catalog,
      CarbonSources sources,
      Trainer trainer,
      EnergyMeter meter,
      Clock clock) {
    this.jobs = jobs;
    this.placements = placements;
    this.runs = runs;
    this.models = models;
    this.catalog = catalog;
    this.sources = sources;
    this.trainer = trainer;
    this.meter = meter;
    this.clock = clock;
  }

  public Result run(StoredJob job, Options options) {
    PlacementRecord p =
        placements
            .current(job.id())
            .orElseThrow(() -> new IllegalStateException(job.id() + " has no placement"));
    Region region = catalog.find(p.region()).orElseThrow();
    Region home = catalog.find(job.homeRegion()).orElse(region);
    JobSpec spec = JobIntake.specOf(job, catalog, clock);
    Path baseDir =
        job.sourceFile() == null
            ? Path.of("").toAbsolutePath()
            : Path.of(job.sourceFile()).getParent();

    Instant started = clock.instant();
    jobs.transition(job.id(), JobState.RUNNING, "started in " + region.id());
    long runId = runs.start(job.id(), region.id(), started);
    try {
      return execute(job, p, region, home, spec, baseDir, started, runId, options);
    } catch (RuntimeException e) {
      // Whatever broke, the job and its run must not be left RUNNING with nobody running them.
      String reason = "internal failure while running: " + e;
      LOG.error("{} failed while running", job.id(), e);
      closeQuietly(runId, job.id(), reason);
      return new Result(
          jobs.find(job.id()).orElseThrow(),
          new TrainingOutcome.Failed(reason, false),
          Optional.empty());
    }
  }

  private void closeQuietly(long runId, String jobId, String reason) {
    try {
      runs.finish(runId, RunState.FAILED, clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("run {} of {} was already closed: {}", runId, jobId, e.getMessage());
    }
    JobState now = jobs.find(jobId).map(StoredJob::state).orElse(JobState.FAILED);
    if (now.canMoveTo(JobState.FAILED)) {
      jobs.transition(jobId, JobState.FAILED, reason);
    }
  }

  private Result execute(
      StoredJob job,
      PlacementRecord p,
      Region region,
      Region home,
      JobSpec spec,
      Path baseDir,
      Instant started,
      long runId,
      Options options) {
    Duration shift = options.timeShift() ? Duration.between(started, p.start()) : Duration.ZERO;
    // The planner's expectation for the placed window: gCO2e over facility kWh.
    double plannedGrams = p.expectedKwh() > 0 ? p.expectedGCo2e() / p.expectedKwh() : 0;

    EnergyMeter.Session session = meter.start();
    TrainingOutcome outcome =
        trainer.train(
            TrainingRequest.of(spec, baseDir, meter)
                .withCarbon(plannedGrams, region.pue())
                .withListener(options.listener()));
    RunEnergy energy = RunEnergy.of(started, session);
    IntensityTimeline seen =
        new FetchedTimeline(sources, region, home, shift, Duration.between(started, energy.end()));
    RunAccount account =
        RunAccounting.account(
            energy,
            new RunAccounting.Place(region.id(), region.zone(), region.pue()),
            Optional.of(
                new RunAccounting.Home(
                    new RunAccounting.Place(home.id(), home.zone(), home.pue()),
                    job.submittedAt().minus(shift))),
            seen);
    if (outcome instanceof TrainingOutcome.Completed c) {
      runs.finish(runId, RunState.SUCCEEDED, account, energy.samples());
      models
          .idOf(c.version().name(), c.version().version())
          .ifPresent(id -> runs.recordModel(runId, id, c.run().metric(), c.run().testMetric()));
      jobs.transition(
          job.id(), JobState.SUCCEEDED, c.version().ref() + ": " + c.run().stopReason());
    } else if (outcome instanceof TrainingOutcome.Stopped s) {
      runs.finish(runId, RunState.INTERRUPTED, account, energy.samples());
      jobs.transition(job.id(), JobState.QUEUED, "stopped at a checkpoint: " + s.reason());
    } else {
      TrainingOutcome.Failed f = (TrainingOutcome.Failed) outcome;
      runs.finish(runId, RunState.FAILED, account, energy.samples());
      jobs.transition(job.id(), JobState.FAILED, f.reason());
    }
    return new Result(jobs.find(job.id()).orElseThrow(), outcome, Optional.of(account));
  }
}
