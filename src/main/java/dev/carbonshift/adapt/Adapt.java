package dev.carbonshift.adapt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.carbonshift.config.LocatedTree;
import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.JobKind;
import dev.carbonshift.store.AdaptDecision;
import dev.carbonshift.train.Forecasts;
import dev.carbonshift.train.ModelRegistry;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TestWindow;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MAPE-K cycle over the store: settle the outcome of earlier decisions whose jobs are done
 * (promote a new version only if it beat the serving one on its own held-out window), monitor the
 * serving version on the labelled data that arrived after its window, analyse, choose a tactic by
 * the policy and submit its descriptor through the normal queue, with a deadline, so that the
 * planner places it in a green window. Every decision is stored.
 */
public final class Adapt {
  private static final Logger LOG = LoggerFactory.getLogger(Adapt.class);
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
  private static final Duration RECENT = Duration.ofDays(30);

  private final Policy policy;
  private final ModelRegistry registry;
  private final Knowledge knowledge;
  private final Wiring wiring;
  private final Clock clock;

  public Adapt(
      Policy policy, ModelRegistry registry, Knowledge knowledge, Wiring wiring, Clock clock) {
    this.policy = policy;
    this.registry = registry;
    this.knowledge = knowledge;
    this.wiring = wiring;
    this.clock = clock;
  }

  public Policy policy() {
    return policy;
  }

  /** A cycle for every model in the registry; one model's failure does not stop the others. */
  public List<AdaptDecision> cycleAll() {
    List<AdaptDecision> out = new ArrayList<>();
    registry.list(null).stream()
        .map(ModelVersion::name)
        .distinct()
        .forEach(
            m -> {
              try {
                out.add(cycle(m));
              } catch (RuntimeException e) {
                LOG.warn("adapt cycle for {} failed: {}", m, e.toString());
              }
            });
    return out;
  }

  /** One cycle for {@code model}: the decision it took, as stored. */
  public AdaptDecision cycle(String model) {
    Instant now = clock.instant();
    settle(model);
    Optional<ModelVersion> serving = production(model);
    if (serving.isEmpty()) {
      return skip(model, null, "{}", "no version of " + model + " is registered");
    }
    ModelVersion v = serving.get();
    Optional<Wiring.Origin> origin = wiring.originOf(v);
    if (origin.isEmpty()) {
      return skip(model, v, "{}", v.ref() + " has no stored descriptor to retrain from");
    }
    Signals s = monitor(v, origin.get(), now);
    List<Finding> findings = Analyser.analyse(s, policy);
    Choice c = TacticChooser.choose(s, findings, policy, knowledge);
    Instant deadline = now.plus(c.deadline());
    if (c.tactic() == Tactic.SKIP) {
      return record(model, v, c, s.json(), deadline, null, AdaptDecision.SKIPPED, "");
    }
    if (!c.tactic().trains()) {
      return record(
          model,
          v,
          c,
          s.json(),
          deadline,
          null,
          AdaptDecision.SKIPPED,
          "; not done: the daemon keeps one variant per model (switching is replayed by"
              + " adapt-replay)");
    }
    Optional<TrainingProfile> profile =
        TrainingProfile.learn(registry.list(model), c.tactic().strategy());
    Duration window = c.deadline();
    String planned =
        "; planned on its descriptor's estimate (no measured run of that strategy yet)";
    if (profile.isPresent()) {
      Duration needs = profile.get().estimate().duration();
      planned = "; " + profile.get().describe();
      if (window.compareTo(needs) < 0) { // the work must fit before its deadline
        window = needs;
        deadline = now.plus(window);
        planned += "; deadline stretched to the estimate";
      }
    }
    String yaml =
        descriptor(
            origin.get(), v, c.tactic(), now, window, profile.map(TrainingProfile::estimate));
    String name = model + "-adapt-" + now.getEpochSecond();
    String jobId = wiring.submit(name, yaml, origin.get().baseDir().resolve(name + ".yaml"));
    return record(model, v, c, s.json(), deadline, jobId, AdaptDecision.PENDING, planned);
  }

  private AdaptDecision skip(String model, ModelVersion v, String inputs, String why) {
    Choice c = new Choice(Tactic.SKIP, Duration.ZERO, "none", why, null);
    return record(model, v, c, inputs, null, null, AdaptDecision.SKIPPED, "");
  }

  private AdaptDecision record(
      String model,
      ModelVersion v,
      Choice c,
      String inputs,
      Instant deadline,
      String jobId,
      String outcome,
      String more) {
    return knowledge.record(
        new AdaptDecision(
            0,
            clock.instant(),
            model,
            null,
            v == null ? null : v.version(),
            c.tactic().word(),
            c.rule(),
            c.reason() + more,
            inputs,
            deadline,
            jobId,
            null,
            null,
            null,
            null,
            outcome));
  }

  /** Outcomes of this model's decisions whose jobs have ended. */
  void settle(String model) {
    for (AdaptDecision d : knowledge.list(model)) {
      if (!AdaptDecision.PENDING.equals(d.outcome()) || d.jobId() == null) {
        continue;
      }
      Wiring.JobStatus st = wiring.status(d.jobId());
      if (st == Wiring.JobStatus.WAITING) {
        continue;
      }
      double[] cost = wiring.cost(d.jobId());
      Optional<ModelVersion> fresh = registry.producedBy(d.jobId());
      Optional<Wiring.Origin> job = wiring.job(d.jobId());
      Optional<ModelVersion> before =
          d.version() == null ? Optional.empty() : registry.find(model, d.version());
      if (st == Wiring.JobStatus.FAILED || fresh.isEmpty() || job.isEmpty() || before.isEmpty()) {
        knowledge.outcome(d.id(), cost[0], cost[1], null, null, AdaptDecision.FAILED);
        continue;
      }
      double after = fresh.get().testMetrics().getOrDefault("mae", Double.NaN);
      double was =
          Forecasts.onTestSplit(before.get(), job.get().spec().dataset(), job.get().baseDir())
              .getOrDefault("mae", Double.NaN);
      String outcome = after < was ? AdaptDecision.PROMOTED : AdaptDecision.KEPT;
      knowledge.outcome(d.id(), cost[0], cost[1], was, after, outcome);
      LOG.info(
          "adapt: {} from {} {} (MAE {} vs {} on its held-out window)",
          fresh.get().ref(),
          d.jobId(),
          outcome,
          after,
          was);
    }
  }

  /**
   * The version that serves: the newest one not produced by a retrain that lost (or is still being
   * judged).
   */
  public Optional<ModelVersion> production(String model) {
    Set<Integer> notPromoted = new HashSet<>();
    for (AdaptDecision d : knowledge.list(model)) {
      if (d.jobId() != null && !AdaptDecision.PROMOTED.equals(d.outcome())) {
        registry.producedBy(d.jobId()).ifPresent(v -> notPromoted.add(v.version()));
      }
    }
    return registry.list(model).stream()
        .filter(v -> !notPromoted.contains(v.version()))
        .max(Comparator.comparingInt(ModelVersion::version));
  }

  private Signals monitor(ModelVersion v, Wiring.Origin origin, Instant now) {
    double[] cost = wiring.recentCost(v.name(), now.minus(RECENT));
    double[] grid = wiring.grid(origin.spec().home());
    DatasetSpec d = origin.spec().dataset();
    Monitor m = new Monitor(policy);
    double days = Double.NaN;
    if (v.testWindow() != null && d.timeColumn() != null && d.forecaster()) {
      Instant windowEnd = Instant.parse(v.testWindow().to());
      days = Duration.between(windowEnd, now).toHours() / 24.0;
      DatasetSpec recent =
          new DatasetSpec(
              d.path(),
              d.features(),
              d.label(),
              d.timeColumn(),
              // from the held-out window's first input row: it is the reference for drift
              LocalDateTime.ofInstant(
                      Instant.parse(v.testWindow().from())
                          .minus(step(v).multipliedBy(d.lead() + 1)),
                      ZoneOffset.UTC)
                  .toString(),
              null,
              d.window(),
              d.horizon(),
              1.0,
              d.filter(),
              null,
              d.lags(),
              d.naive());
      Forecasts.Predictions p = Forecasts.predict(v, recent, origin.baseDir());
      int first = 0;
      int heldOut = 0;
      while (first < p.size() && p.targetTimes()[first].compareTo(v.testWindow().to()) <= 0) {
        if (p.targetTimes()[first].compareTo(v.testWindow().from()) >= 0) {
          heldOut++;
        }
        first++;
      }
      m.serving(
          v.testMetrics().getOrDefault("mae", Double.NaN),
          Arrays.copyOfRange(p.actual(), first - heldOut, first));
      // the samples after the held-out window, a day of them at a time (one for daily data)
      int perDay = (int) Math.max(1, Duration.ofDays(1).dividedBy(step(v)));
      for (int i = first; i < p.size(); i += perDay) {
        int j = Math.min(p.size(), i + perDay);
        m.observe(
            Arrays.copyOfRange(p.predicted(), i, j),
            Arrays.copyOfRange(p.actual(), i, j),
            Arrays.copyOfRange(p.naive(), i, j),
            Arrays.copyOfRange(p.actual(), i, j));
      }
    }
    return m.signals(v.name(), Signals.HEAVY, cost[0], cost[1], grid[0], grid[1], days);
  }

  /** Two weeks of replay, the least an incremental retrain learns from. */
  static final Duration MIN_REPLAY = Duration.ofDays(14);

  /**
   * How far back an incremental retrain reads: two weeks, or twice the version's held-out window
   * and the network's input window, whichever is longer, so that the new version has a held-out
   * window as large and as much to learn from (daily data: 100 held-out samples need 200 days).
   */
  static Duration replay(ModelVersion v, dev.carbonshift.job.JobSpec spec) {
    DatasetSpec d = spec.dataset();
    long samples = 2L * v.testWindow().samples() + d.lead() + 1;
    Duration needed = step(v).multipliedBy(samples);
    return needed.compareTo(MIN_REPLAY) > 0 ? needed : MIN_REPLAY;
  }

  /** The time between two samples of the version's held-out window (one hour if it cannot say). */
  static Duration step(ModelVersion v) {
    TestWindow w = v.testWindow();
    if (w == null || w.samples() < 2 || !w.from().contains("T")) {
      return Duration.ofHours(1);
    }
    Duration span = Duration.between(Instant.parse(w.from()), Instant.parse(w.to()));
    Duration step = span.dividedBy(w.samples() - 1);
    return step.isZero() || step.isNegative() ? Duration.ofHours(1) : step;
  }

  /**
   * The origin's descriptor as a retrain: the tactic's strategy, the newest data, a deadline, and
   * the estimate learned from past runs where there is one (else the origin's own).
   */
  static String descriptor(
      Wiring.Origin origin,
      ModelVersion v,
      Tactic t,
      Instant now,
      Duration deadline,
      Optional<Estimate> learned) {
    try {
      // read as the descriptor parser reads it: a region `no` stays Norway, not `false`
      ObjectNode root =
          (ObjectNode)
              LocatedTree.parse(v.ref() + " descriptor", origin.descriptor()).rootAsWritten();
      root.put("name", v.name() + "-adapt-" + now.getEpochSecond());
      root.put("kind", Descriptors.lower(JobKind.defaultingTo(t.strategy())));
      root.put("strategy", Descriptors.lower(t.strategy()));
      root.put("model", v.name());
      if (t == Tactic.FULL) {
        root.remove("baseModel");
      } else {
        root.put("baseModel", v.ref());
      }
      root.remove("schedule");
      root.remove("earliestStart");
      root.put("deadline", deadline.toMinutes() + "m");
      if (learned.isPresent()) {
        ObjectNode e = root.putObject("estimate");
        e.put("duration", learned.get().duration().toMinutes() + "m");
        e.put("powerWatts", learned.get().powerWatts());
      }
      if (root.get("dataset") instanceof ObjectNode data && data.has("timeColumn")) {
        data.remove("to");
        if (t == Tactic.INCREMENTAL && v.testWindow() != null) {
          Instant from = Instant.parse(v.testWindow().to()).minus(replay(v, origin.spec()));
          data.put("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC).toLocalDate().toString());
        }
      }
      return YAML.writeValueAsString(root);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("cannot rewrite the descriptor of " + v.ref() + ": " + e, e);
    }
  }
}
