package dev.carbonshift.daemon;

import dev.carbonshift.account.IntensityTimeline;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.account.RunAccounting;
import dev.carbonshift.account.RunEnergy;
import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.energy.EnergyMeter;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a planned job: marks it running, trains it under the energy meter, accounts the run (IT
 * kWh × PUE × the intensity seen, against the same energy at submission at home) and records the
 * outcome. The run is measured once, by the session started here, and accounted once; the model
 * version it produced is linked to that account. A run stopped at a checkpoint moves its job to the
 * state its stop request named (the next slice, the queue, or cancelled) and resumes from it.
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
  private final String owner;

  /** How a run ended, with its accounting when it trained; empty outcome if it never started. */
  public record Result(
      StoredJob job, Optional<TrainingOutcome> outcome, Optional<RunAccount> account) {}

  /**
   * @param owner names this process in the runs it starts ({@code host:pid:start}), so that a
   *     restarted daemon recognises the runs of its dead predecessor
   */
  public JobRunner(
      JobRepository jobs,
      PlacementRepository placements,
      RunRepository runs,
      ModelVersionRepository models,
      RegionCatalog catalog,
      CarbonSources sources,
      Trainer trainer,
      EnergyMeter meter,
      Clock clock,
      String owner) {
    this.jobs = jobs;
    this.placements = placements;
    this.runs = runs;
    this.models = models;
    this.catalog = catalog;
    this.sources = sources;
    this.trainer = trainer;
    this.meter = meter;
    this.clock = clock;
    this.owner = owner;
  }

  /**
   * Runs {@code job}, which must be PLANNED, as slice {@code live.sliceIndex()} of its placement.
   * If the job changed meanwhile (cancelled, re-planned), nothing runs and the outcome is empty.
   */
  public Result run(StoredJob job, LiveRun live, TrainingListener listener) {
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
            : Path.of(job.sourceFile()).toAbsolutePath().getParent();

    Instant started = clock.instant();
    // The run row first: a crash before the job moves leaves a run that dead-run detection closes.
    long runId = runs.start(job.id(), region.id(), started, owner, live.sliceIndex());
    live.started(runId);
    try {
      jobs.transition(job.id(), JobState.RUNNING, "started in " + region.id() + slice(live));
    } catch (RuntimeException e) {
      // a cancel or a re-plan won the race: the job is no longer ours to run
      runs.finish(runId, RunState.CANCELLED, clock.instant());
      runs.endReason(runId, "not started: " + e.getMessage());
      LOG.info("{} not started: {}", job.id(), e.getMessage());
      return new Result(jobs.find(job.id()).orElseThrow(), Optional.empty(), Optional.empty());
    }
    LOG.info("{} started in {}{} (run {})", job.id(), region.id(), slice(live), runId);
    try {
      return execute(job, region, home, spec, baseDir, started, runId, live, listener);
    } catch (RuntimeException e) {
      // Whatever broke, the job and its run must not be left RUNNING with nobody running them.
      String reason = "internal failure while running: " + e;
      LOG.error("{} failed while running", job.id(), e);
      closeQuietly(runId, job.id(), reason);
      return new Result(
          jobs.find(job.id()).orElseThrow(),
          Optional.of(new TrainingOutcome.Failed(reason, false)),
          Optional.empty());
    }
  }

  private static String slice(LiveRun live) {
    return live.sliceIndex() > 0 ? ", slice " + (live.sliceIndex() + 1) : "";
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
      Region region,
      Region home,
      JobSpec spec,
      Path baseDir,
      Instant started,
      long runId,
      LiveRun live,
      TrainingListener listener) {
    EnergyMeter.Session session = meter.start();
    // where this run took up the job, so that epochs trained twice after a crash can be counted
    AtomicBoolean first = new AtomicBoolean(true);
    TrainingOutcome outcome;
    try {
      outcome =
          trainer.train(
              TrainingRequest.measuredBy(spec, baseDir, meter, session)
                  .forJob(job.id())
                  .withStop(live)
                  .withListener(
                      e -> {
                        if (first.getAndSet(false)) {
                          runs.firstEpoch(runId, e.epoch());
                        }
                        runs.epochsDone(runId, e.epoch());
                        listener.epochEnded(e);
                      }));
    } finally {
      session.stop();
    }
    // the energy is the meter's; the window it is accounted over is the daemon's clock (which may
    // run faster than the wall for the demo)
    RunEnergy measured = RunEnergy.of(started, session);
    Instant ended = clock.instant();
    RunEnergy energy =
        new RunEnergy(
            started,
            ended.isBefore(started) ? started : ended,
            measured.reading(),
            measured.samples(),
            measured.samplingInterval(),
            measured.notes());
    IntensityTimeline seen =
        new FetchedTimeline(sources, region, home, Duration.between(started, energy.end()));
    RunAccount account =
        RunAccounting.account(
            energy,
            new RunAccounting.Place(region.id(), region.zone(), region.pue()),
            Optional.of(
                new RunAccounting.Home(
                    new RunAccounting.Place(home.id(), home.zone(), home.pue()),
                    job.submittedAt())),
            seen);
    if (outcome instanceof TrainingOutcome.Completed c) {
      runs.finish(runId, RunState.SUCCEEDED, account, energy.samples());
      models
          .idOf(c.version().name(), c.version().version())
          .ifPresent(
              id -> {
                runs.recordModel(runId, id, c.run().metric(), c.run().testMetric());
                models.linkRuns(id, job.id(), runId);
              });
      runs.endReason(
          runId, (c.run().resumed() ? "resumed from a checkpoint; " : "") + c.run().stopReason());
      jobs.transition(
          job.id(), JobState.SUCCEEDED, c.version().ref() + ": " + c.run().stopReason());
    } else if (outcome instanceof TrainingOutcome.Stopped s) {
      runs.finish(runId, RunState.INTERRUPTED, account, energy.samples());
      runs.endReason(runId, live.reason() + " after " + s.epochsDone() + " epochs");
      if (jobs.find(job.id()).map(StoredJob::state).orElse(null) != live.then()) {
        // (already there when the stop came from the store, e.g. a cancel on another daemon)
        jobs.transition(
            job.id(),
            live.then(),
            live.reason() + "; stopped at a checkpoint after " + s.epochsDone() + " epochs");
      }
    } else {
      TrainingOutcome.Failed f = (TrainingOutcome.Failed) outcome;
      runs.finish(runId, RunState.FAILED, account, energy.samples());
      runs.endReason(runId, f.reason());
      jobs.transition(job.id(), JobState.FAILED, f.reason());
    }
    StoredJob after = jobs.find(job.id()).orElseThrow();
    LOG.info("{} run {} ended: {} ({})", job.id(), runId, after.state(), after.stateReason());
    return new Result(
        jobs.find(job.id()).orElseThrow(), Optional.of(outcome), Optional.of(account));
  }
}
