package dev.carbonshift.adapt.replay;

import dev.carbonshift.adapt.Analyser;
import dev.carbonshift.adapt.Choice;
import dev.carbonshift.adapt.Descriptors;
import dev.carbonshift.adapt.Finding;
import dev.carbonshift.adapt.Knowledge;
import dev.carbonshift.adapt.Monitor;
import dev.carbonshift.adapt.Policy;
import dev.carbonshift.adapt.Signals;
import dev.carbonshift.adapt.Tactic;
import dev.carbonshift.adapt.TacticChooser;
import dev.carbonshift.adapt.Variant;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.Planner;
import dev.carbonshift.store.AdaptDecision;
import dev.carbonshift.train.Forecasts;
import dev.carbonshift.train.ModelRegistry;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.Trainer;
import dev.carbonshift.train.Trainers;
import dev.carbonshift.train.TrainingOutcome;
import dev.carbonshift.train.TrainingRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replays a real trace as a data stream, day by day: at each midnight the serving forecaster
 * predicts the day's 24 hours (each from the same hour the day before, 24 steps ahead), the day's
 * actuals arrive, the policy decides, and any retraining is placed by the planner within its
 * deadline and trained for real; a new version serves from the midnight after its placement's day,
 * and only if it beats the serving one on its own held-out week.
 */
public final class Replay {
  /** Days of history a full retrain learns from, before its held-out week. */
  static final int HISTORY_DAYS = 28;

  /** Days an incremental retrain replays before its held-out week (new data included). */
  static final int INCREMENTAL_DAYS = 14;

  static final int HELD_OUT_DAYS = 7;

  /** A nightly retrain must be done by 06:00, as the shipped nightly descriptor. */
  static final Duration NIGHTLY_DEADLINE = Duration.ofHours(6);

  private static final String REGION = "replay";

  /**
   * Rows read before the predicted day: its 24 lags and 24 h ahead need 47 hours; three days keep a
   * margin. The monitor's weekly shadow forecast reads the same margin before its window.
   */
  static final Duration PREDICTION_INPUT = Duration.ofDays(3);

  /**
   * @param workDir an empty folder for the hourly data, model files and checkpoints
   */
  public record Config(
      Path trace,
      LocalDate from,
      int days,
      ReplayPolicy policy,
      Policy rules,
      long seed,
      Path workDir,
      double wattsPerCore) {}

  private final Config cfg;
  private final Trace trace;
  private final HourlyData data;
  private final ModelRegistry registry = ModelRegistry.inMemory();
  private final Trainer trainer;
  private final EnergyMeter meter;
  private final Knowledge knowledge = Knowledge.inMemory();
  private final SimClock clock;
  private final String tag;
  private final PrintWriter log;

  // the serving version of each variant, and which variant serves
  private ModelVersion light;
  private ModelVersion heavy;
  private Variant serving;
  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  private Monitor monitor;
  private double trainingKwh;
  private double trainingKg;
  private double loopKwh;
  private int retrains;
  private int promotions;
  private int switches;

  private record Pending(LocalDateTime effective, Variant variant, ModelVersion version) {}

  private record Trained(
      ModelVersion version, boolean promoted, double before, double after, Placement placed) {}

  public Replay(Config cfg, Trace trace, PrintWriter log) {
    this.cfg = cfg;
    this.trace = trace;
    this.log = log;
    this.clock = new SimClock(cfg.from().atStartOfDay().toInstant(ZoneOffset.UTC));
    this.data = HourlyData.of(trace, cfg.workDir());
    this.trainer = Trainers.dl4j(registry, cfg.workDir().resolve("models"), clock);
    this.meter = Forecasts.threadCpuMeter(clock, cfg.wattsPerCore());
    this.tag = trace.zone().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
  }

  public ReplayResult run() {
    LocalDateTime start = cfg.from().atStartOfDay();
    if (start.minusDays(HISTORY_DAYS + HELD_OUT_DAYS + 3).isBefore(data.first())
        || start.plusDays(cfg.days()).isAfter(data.end())) {
      throw new IllegalArgumentException(
          "the trace covers "
              + data.first()
              + " to "
              + data.end()
              + "; a replay from "
              + cfg.from()
              + " needs "
              + (HISTORY_DAYS + HELD_OUT_DAYS + 3)
              + " days before it and "
              + cfg.days()
              + " days from it");
    }
    monitor = new Monitor(cfg.rules());
    heavy = initial(Variant.HEAVY, start);
    serving = Variant.HEAVY;
    if (cfg.policy() == ReplayPolicy.MAPEK) {
      light = initial(Variant.LIGHT, start);
    }
    startServing(Variant.HEAVY, heavy);
    List<ReplayResult.Day> days = new ArrayList<>();
    double absErr = 0;
    double absNaive = 0;
    int hours = 0;
    for (int k = 0; k < cfg.days(); k++) {
      LocalDateTime day = start.plusDays(k);
      LocalDateTime next = day.plusDays(1);
      // each promoted version serves from its own midnight, in the order they were promoted
      while (!pending.isEmpty() && !pending.peekFirst().effective().isAfter(day)) {
        Pending p0 = pending.removeFirst();
        switchTo(p0.variant(), p0.version());
      }
      clock.set(next.toInstant(ZoneOffset.UTC));
      daySlice = data.slice(day.minus(PREDICTION_INPUT), next, "slice.csv");
      Forecasts.Predictions p = dayOf(current(), day);
      double[] pred = tail(p.predicted());
      double[] act = tail(p.actual());
      double[] naive = tail(p.naive());
      double dayAbs = 0;
      for (int i = 0; i < act.length; i++) {
        dayAbs += Math.abs(pred[i] - act[i]);
        absNaive += Math.abs(naive[i] - act[i]);
      }
      absErr += dayAbs;
      hours += act.length;
      Choice choice;
      if (cfg.policy() == ReplayPolicy.MAPEK) {
        EnergyMeter.Session loop = meter.start();
        choice = decide(day, next, pred, act, naive);
        loopKwh += loop.stop().totalKwh();
      } else {
        Tactic t = cfg.policy() == ReplayPolicy.PERIODIC_FULL ? Tactic.FULL : Tactic.INCREMENTAL;
        choice = new Choice(t, NIGHTLY_DEADLINE, cfg.policy().word(), "every night", null);
      }
      days.add(execute(choice, next, dayAbs / act.length));
      if (log != null && (k + 1) % 30 == 0) {
        log.printf(
            Locale.ROOT,
            "%s %s: day %d/%d, MAE so far %.2f, %d retrains, %.3g kWh%n",
            cfg.policy().word(),
            tag,
            k + 1,
            cfg.days(),
            absErr / hours,
            retrains,
            trainingKwh);
        log.flush();
      }
    }
    double trainAndLoop = trainingKwh + loopKwh;
    return new ReplayResult(
        cfg.policy().word(),
        cfg.trace().getFileName().toString(),
        cfg.from().toString(),
        cfg.days(),
        cfg.seed(),
        retrains,
        promotions,
        switches,
        trainingKwh,
        trainingKg,
        loopKwh,
        trainingKwh > 0 ? 100 * loopKwh / trainingKwh : 0,
        absErr / hours,
        absNaive / hours,
        Forecasts.method(meter),
        cfg.policy() == ReplayPolicy.MAPEK ? cfg.rules().source() : null,
        days);
  }

  private Choice decide(
      LocalDateTime day, LocalDateTime next, double[] pred, double[] act, double[] naive) {
    monitor.observe(pred, act, naive, act);
    ModelVersion shadow = serving.other() == Variant.LIGHT ? light : heavy;
    if (shadow != null && monitor.shadowDue()) {
      // the window's hours forecast by the other variant in one pass, as the serving one did
      int hours = monitor.windowSamples();
      LocalDateTime from = next.minusHours(hours);
      Path slice = data.slice(from.minus(PREDICTION_INPUT), next, "shadow.csv");
      double[] all =
          Forecasts.predict(shadow, predictionSpec(slice, from, next), cfg.workDir()).predicted();
      monitor.shadow(java.util.Arrays.copyOfRange(all, all.length - hours, all.length));
    }
    Instant now = next.toInstant(ZoneOffset.UTC);
    double intensityNow = trace.gramsPerKwhAt(now);
    double minAhead = Double.NaN;
    for (int h = 0; h < 24; h++) {
      double v = trace.gramsPerKwhAt(now.plusSeconds(3600L * h));
      minAhead = Double.isNaN(minAhead) ? v : Math.min(minAhead, v);
    }
    double daysSince = Duration.between(dataEnd(current()), next).toHours() / 24.0;
    Signals s =
        monitor.signals(
            model(serving),
            serving.name(),
            trainingKwh,
            trainingKg,
            intensityNow,
            minAhead,
            daysSince);
    List<Finding> findings = Analyser.analyse(s, cfg.rules());
    Choice c =
        pending.isEmpty()
            ? TacticChooser.choose(s, findings, cfg.rules(), knowledge)
            : new Choice(
                Tactic.SKIP,
                Duration.ZERO,
                "waiting",
                pending.peekLast().version().ref()
                    + " is promoted and serves from "
                    + pending.peekLast().effective(),
                null);
    lastSignals = s;
    return c;
  }

  private Signals lastSignals;

  private ReplayResult.Day execute(Choice c, LocalDateTime at, double dayMae) {
    Tactic t = c.tactic();
    Instant now = at.toInstant(ZoneOffset.UTC);
    Duration deadline =
        c.deadline().compareTo(Duration.ofHours(24)) > 0 ? Duration.ofHours(24) : c.deadline();
    String inputs = lastSignals == null ? "{}" : lastSignals.json();
    lastSignals = null;
    AdaptDecision d =
        knowledge.record(
            new AdaptDecision(
                0,
                now,
                model(serving),
                serving.name(),
                current().version(),
                t.word(),
                c.rule(),
                c.reason(),
                inputs,
                now.plus(deadline),
                null,
                null,
                null,
                null,
                null,
                AdaptDecision.PENDING));
    String date = at.minusDays(1).toLocalDate().toString();
    if (t == Tactic.SKIP) {
      knowledge.outcome(d.id(), 0.0, 0.0, null, null, AdaptDecision.SKIPPED);
      return day(date, c, dayMae, null, 0, 0, null, null, AdaptDecision.SKIPPED);
    }
    monitor.acted();
    if (t == Tactic.SWITCH_LIGHT && light != null) {
      // the shadow forecasts showed light close enough on the same days: no training needed
      switchTo(Variant.LIGHT, light);
      knowledge.outcome(d.id(), 0.0, 0.0, null, null, AdaptDecision.SWITCHED);
      return day(date, c, dayMae, null, 0, 0, null, null, AdaptDecision.SWITCHED);
    }
    Variant target =
        t == Tactic.SWITCH_HEAVY
            ? Variant.HEAVY
            : t == Tactic.SWITCH_LIGHT ? Variant.LIGHT : serving;
    Tactic how = t.trains() ? t : (versionOf(target) == null ? Tactic.FULL : Tactic.INCREMENTAL);
    Trained r = train(target, how, at, deadline);
    String outcome;
    if (r == null) {
      outcome = AdaptDecision.FAILED;
    } else if (r.promoted()) {
      outcome = AdaptDecision.PROMOTED;
      promotions++;
      // it serves from the midnight after the day it ran in
      pending.addLast(
          new Pending(
              LocalDateTime.ofInstant(r.placed().end(), ZoneOffset.UTC)
                  .toLocalDate()
                  .plusDays(1)
                  .atStartOfDay(),
              target,
              r.version()));
    } else {
      outcome = AdaptDecision.KEPT;
    }
    double kwh = r == null ? 0 : lastKwh;
    double kg = r == null ? 0 : lastKg;
    knowledge.outcome(
        d.id(), kwh, kg, r == null ? null : r.before(), r == null ? null : r.after(), outcome);
    return day(
        date,
        c,
        dayMae,
        r == null ? null : r.placed().start().toString(),
        kwh,
        kg,
        r == null ? null : r.before(),
        r == null ? null : r.after(),
        outcome);
  }

  private double lastKwh;
  private double lastKg;

  private ReplayResult.Day day(
      String date,
      Choice c,
      double dayMae,
      String placedAt,
      double kwh,
      double kg,
      Double before,
      Double after,
      String outcome) {
    return new ReplayResult.Day(
        date,
        serving.name(),
        c.tactic().word(),
        c.rule(),
        c.reason(),
        dayMae,
        placedAt,
        kwh,
        kg,
        before,
        after,
        outcome);
  }

  /** Trains the variant for real, placed by the planner; null when training failed. */
  private Trained train(Variant v, Tactic how, LocalDateTime at, Duration deadline) {
    ModelVersion base = versionOf(v);
    int days = how == Tactic.INCREMENTAL ? INCREMENTAL_DAYS : HISTORY_DAYS;
    LocalDateTime from = at.minusDays(days + HELD_OUT_DAYS).minusHours(47);
    String yaml =
        Descriptors.retrain(
            "adapt-" + model(v) + "-" + at.toLocalDate(),
            model(v),
            v,
            how,
            base == null ? null : base.ref(),
            data.csv.toString(),
            HourlyData.TIME,
            HourlyData.LABEL,
            from,
            at,
            deadline,
            REGION,
            cfg.seed());
    Instant now = at.toInstant(ZoneOffset.UTC);
    JobSpec spec =
        new JobParser(Set.of(REGION), Clock.fixed(now, ZoneOffset.UTC), cron -> null)
            .parse("adapt.yaml", yaml, null)
            .spec();
    Placement placed = place(spec, now);
    EnergyMeter.Session session = meter.start();
    TrainingOutcome out =
        trainer.train(TrainingRequest.measuredBy(spec, cfg.workDir(), meter, session));
    retrains++;
    Trained result = null;
    if (out instanceof TrainingOutcome.Completed done) {
      ModelVersion fresh = done.version();
      double after = fresh.testMetrics().get("mae");
      // the serving model, whichever variant, scored on the new version's own held-out week
      ModelVersion serves = current();
      double before =
          serves == null
              ? Double.NaN
              : Forecasts.onTestSplit(serves, spec.dataset(), cfg.workDir()).get("mae");
      result = new Trained(fresh, serves == null || after < before, before, after, placed);
    } else if (log != null) {
      log.println("training failed: " + out);
    }
    lastKwh = session.stop().totalKwh();
    double grams =
        trace
            .slice(now, placed.start(), placed.end(), IntensityKind.ACTUAL, "trace")
            .meanGramsPerKwh(placed.start(), placed.end())
            .orElse(trace.meanGramsPerKwh());
    lastKg = lastKwh * grams / 1000.0;
    trainingKwh += lastKwh;
    trainingKg += lastKg;
    return result;
  }

  private Placement place(JobSpec spec, Instant now) {
    PlanRegion region = new PlanRegion(REGION, trace.zone(), 1.0, 1);
    PlanJob job = PlanJob.of("adapt", spec, now);
    Instant end =
        spec.deadlineFor(now) == null ? now.plus(Duration.ofDays(1)) : spec.deadlineFor(now);
    PlanRequest req =
        new PlanRequest(
            List.of(job),
            List.of(region),
            Map.of(
                trace.zone(),
                trace.slice(now, now, end.plusSeconds(3600), IntensityKind.FORECAST, "trace")),
            Map.of(trace.zone(), trace.meanGramsPerKwh()),
            List.of(),
            now,
            null);
    return Planner.plan(req).placements().get(0);
  }

  /** The first version of a variant: nothing serves yet to beat, so it serves. */
  private ModelVersion initial(Variant v, LocalDateTime start) {
    firstRun = true;
    int counted = retrains;
    try {
      Trained t = train(v, Tactic.FULL, start, NIGHTLY_DEADLINE);
      if (t == null) {
        throw new IllegalStateException("the initial " + v.name() + " model did not train");
      }
      return t.version();
    } finally {
      firstRun = false;
      retrains = counted;
    }
  }

  private boolean firstRun;

  private ModelVersion current() {
    if (firstRun) {
      return null;
    }
    return serving == Variant.LIGHT ? light : heavy;
  }

  private ModelVersion versionOf(Variant v) {
    return v == Variant.LIGHT ? light : heavy;
  }

  private void switchTo(Variant v, ModelVersion version) {
    if (v != serving) {
      switches++;
    }
    if (v == Variant.LIGHT) {
      light = version;
    } else {
      heavy = version;
    }
    serving = v;
    startServing(v, version);
  }

  private void startServing(Variant v, ModelVersion version) {
    LocalDateTime end = dataEnd(version);
    double[] ref =
        data.between(end.minusDays(HISTORY_DAYS + HELD_OUT_DAYS), end.minusDays(HELD_OUT_DAYS));
    monitor.serving(version.testMetrics().get("mae"), ref);
  }

  private LocalDateTime dataEnd(ModelVersion v) {
    return LocalDateTime.parse(v.testWindow().to().replace("Z", "")).plusHours(1);
  }

  private Forecasts.Predictions dayOf(ModelVersion v, LocalDateTime day) {
    return Forecasts.predict(v, predictionSpec(daySlice, day, day.plusDays(1)), cfg.workDir());
  }

  private Path daySlice;

  /**
   * The samples of {@code slice} from {@link #PREDICTION_INPUT} before {@code from} to {@code to}:
   * the last ones are those whose targets fall in [from, to).
   */
  private static dev.carbonshift.job.DatasetSpec predictionSpec(
      Path slice, LocalDateTime from, LocalDateTime to) {
    return new dev.carbonshift.job.DatasetSpec(
        slice.toString(),
        List.of(),
        HourlyData.LABEL,
        HourlyData.TIME,
        from.minus(PREDICTION_INPUT).toString(),
        to.toString(),
        24,
        24,
        1.0,
        null,
        null,
        List.of(),
        null);
  }

  private static double[] tail(double[] a) {
    return java.util.Arrays.copyOfRange(a, a.length - 24, a.length);
  }

  private String model(Variant v) {
    return tag + "-" + v.name();
  }
}
