package dev.carbonshift.daemon.api;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's Prometheus metrics. Queue lengths, runs and their energy come from the store at
 * scrape time (one snapshot per scrape), so they are right after a restart and whoever wrote the
 * rows; events (submissions, failures, plan rounds) are counted as they happen in this process.
 *
 * <p>Energy and emissions are the totals over all finished runs in the store: they only grow, so
 * they are exposed as counters ({@code carbonshift_energy_kwh_total}, facility kWh = IT × PUE, the
 * basis of {@code carbonshift_emissions_kgco2e_total}).
 */
public final class DaemonMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonMetrics.class);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final StoreCounts counts;
  private final AtomicReference<StoreCounts.Snapshot> last =
      new AtomicReference<>(StoreCounts.Snapshot.EMPTY);
  private final Counter submitted;
  private final Counter heartbeatsMissed;
  private final Timer planDuration;

  public DaemonMetrics(Database db) {
    this.counts = new StoreCounts(db);
    for (JobState s : JobState.values()) {
      Gauge.builder("carbonshift.jobs", last, r -> r.get().jobs(s))
          .description("jobs in the store by state")
          .tag("state", s.name())
          .register(registry);
    }
    for (RunState s : RunState.values()) {
      if (s.isFinal()) {
        FunctionCounter.builder("carbonshift.runs", last, r -> r.get().runs(s))
            .description("runs that ended, by final state")
            .tag("state", s.name())
            .register(registry);
      }
    }
    FunctionCounter.builder("carbonshift.energy.kwh", last, r -> r.get().facilityKwh())
        .description("facility energy of finished runs (IT energy x PUE), kWh")
        .register(registry);
    FunctionCounter.builder("carbonshift.emissions.kgco2e", last, r -> r.get().kgCo2e())
        .description("emissions of finished runs, kgCO2e")
        .register(registry);
    FunctionCounter.builder("carbonshift.avoided.kgco2e", last, r -> r.get().avoidedKgCo2e())
        .description("emissions avoided versus running at once at home, kgCO2e")
        .register(registry);
    submitted =
        Counter.builder("carbonshift.jobs.submitted")
            .description("jobs accepted by this daemon (HTTP API and jobs folder)")
            .register(registry);
    heartbeatsMissed =
        Counter.builder("carbonshift.heartbeats.missed")
            .description("runs found without a recent heartbeat")
            .register(registry);
    planDuration =
        Timer.builder("carbonshift.plan.duration")
            .description("time taken by one planning round")
            .register(registry);
  }

  public void jobsSubmitted() {
    submitted.increment();
  }

  public void heartbeatMissed() {
    heartbeatsMissed.increment();
  }

  public void planDuration(Duration d) {
    planDuration.record(d);
  }

  /** Planning rounds recorded so far, and their total time. */
  public PlanTotals planTotals() {
    return new PlanTotals(
        planDuration.count(),
        Duration.ofNanos(
            Math.round(planDuration.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))));
  }

  /** How many planning rounds ran and how long they took together. */
  public record PlanTotals(long rounds, Duration time) {
    public PlanTotals since(PlanTotals before) {
      return new PlanTotals(rounds - before.rounds, time.minus(before.time));
    }
  }

  /** A carbon source failed to answer ({@code source} is its name, e.g. {@code watttime}). */
  public void sourceFailure(String source) {
    Counter.builder("carbonshift.source.failures")
        .description("failed requests to carbon intensity sources")
        .tag("source", source)
        .register(registry)
        .increment();
  }

  /** A periodic task threw; the guarded scheduler calls this with the task's name. */
  public void periodicTaskFailure(String task) {
    Counter.builder("carbonshift.task.failures")
        .description("periodic tasks that threw")
        .tag("task", task)
        .register(registry)
        .increment();
  }

  /** For binders the daemon adds (JVM, Quartz); the API only renders. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition, with the store's counts read now. */
  public String scrape() {
    try {
      last.set(counts.read());
    } catch (StoreException e) {
      // Keep serving the last snapshot: a scrape that fails shows nothing at all.
      LOG.warn("metrics: cannot read the store, serving the previous counts: {}", e.getMessage());
    }
    return registry.scrape();
  }
}
