package dev.carbonshift.train;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Trains with Deeplearning4j on the ND4J backend on the class path (CPU, or CUDA with -Pcuda). */
final class Dl4jTrainer implements Trainer {
  private final ModelRegistry registry;
  private final Path dataDir;
  private final Clock clock;

  Dl4jTrainer(ModelRegistry registry, Path dataDir, Clock clock) {
    this.registry = registry;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  @Override
  public TrainingOutcome train(TrainingRequest req) {
    JobSpec job = req.job();
    String name = job.model() == null ? job.name() : job.model();
    if (!Weights.safeName(name) || job.network() == null) {
      return new TrainingOutcome.Failed(
          job.name()
              + ": needs a network and a model name of letters, digits, '.', '_' or '-' that"
              + " starts with a letter or digit and has no '..' (it names a folder under the"
              + " models directory)",
          true);
    }
    Optional<ModelVersion> done = req.storedJob().flatMap(registry::producedBy);
    if (done.isPresent()) {
      // interrupted after its version was registered and before its end was recorded: the work is
      // done, and training it again would register a second version
      new Checkpoints(dataDir.resolve(".checkpoints").resolve(req.checkpointKey())).clear();
      ModelVersion v = done.get();
      return new TrainingOutcome.Completed(
          v,
          new RunSummary(
              0,
              Duration.ZERO,
              0,
              0,
              req.meter().name(),
              v.metric(),
              v.testMetrics(),
              Double.NaN,
              Double.NaN,
              v.ref() + " was registered before the interruption; nothing left to train",
              true,
              v.testWindow()));
    }
    // measured once: by the caller's session when it gives one, else by a session of our own
    boolean own = req.session() == null;
    EnergyMeter.Session session = own ? req.meter().start() : req.session();
    Instant started = clock.instant();
    try {
      PreparedData data = DatasetBuilder.build(job.dataset(), req.baseDir());
      StartingPoint start = StartingPoint.resolve(job, data, registry, req.baseDir());
      String metric = Metrics.normalise(job.target() == null ? null : job.target().metric());
      Checkpoints cps =
          new Checkpoints(dataDir.resolve(".checkpoints").resolve(req.checkpointKey()));
      String key = key(job, data, start);
      Optional<Checkpoints.Saved> saved = cps.load(key);
      double baseKwh = saved.map(s -> s.state().kwhSoFar()).orElse(0.0);
      double baseWall = saved.map(s -> s.state().wallSecondsSoFar()).orElse(0.0);
      EpochLoop loop =
          new EpochLoop(
              config(job.network(), metric, job, start.sequence(), data.residual()),
              data,
              start.scaler(),
              cps,
              req.listener(),
              req.stop(),
              () -> baseKwh + session.read().totalKwh(),
              () -> baseWall + seconds(started));
      EpochLoop.Result r;
      if (saved.isPresent()) {
        Checkpoints.Saved s = saved.get();
        r = loop.run(s.net(), s.state(), s.bestParams());
      } else {
        MultiLayerNetwork net = start.net();
        int[] train = EpochLoop.range(0, data.trainEnd());
        double initialLoss =
            net.score(
                new DataSet(
                    start.scaler().inputs(data, train, start.sequence()),
                    start.scaler().labels(data, train)));
        r =
            loop.run(
                net,
                new Checkpoints.State(key, 0, 0, 0, Double.NaN, 0, 0, 0, initialLoss, Double.NaN),
                null);
      }
      Double fineTuneRate = job.network().fineTuneLearningRate();
      if (job.strategy() == Strategy.TRANSFER
          && fineTuneRate != null
          && job.target() != null
          && r.state().phase() == 0
          && (r.end() == EpochLoop.End.NO_IMPROVEMENT || r.end() == EpochLoop.End.EPOCHS_DONE)) {
        MultiLayerNetwork thawed = Networks.thawed(r.net(), fineTuneRate);
        Checkpoints.State p = r.state();
        Checkpoints.State s1 =
            new Checkpoints.State(
                key,
                1,
                0,
                p.totalEpochs(),
                p.bestMetric(),
                0,
                p.kwhSoFar(),
                p.wallSecondsSoFar(),
                p.initialLoss(),
                p.lastLoss());
        INDArray best = thawed.params().dup();
        cps.save(s1, thawed, best);
        r = loop.run(thawed, s1, best);
      }
      if (r.end() == EpochLoop.End.STOP_REQUESTED) {
        return new TrainingOutcome.Stopped(
            r.state().totalEpochs(), baseKwh + endOf(session, own), r.end().reason);
      }
      int[] test = EpochLoop.range(data.validationEnd(), data.size());
      double[] predicted =
          loop.predict(r.net(), start.scaler().inputs(data, test, start.sequence()));
      Map<String, Double> testMetrics = data.score(predicted, data.validationEnd(), data.size());
      double kwh = baseKwh + endOf(session, own);
      double kg = kwh * req.pue() * req.gramsCo2PerKwh() / 1000.0;
      double wall = baseWall + seconds(started);
      RunSummary run =
          new RunSummary(
              r.state().totalEpochs(),
              Duration.ofMillis(Math.round(wall * 1000)),
              kwh,
              kg,
              req.meter().name(),
              metric,
              testMetrics,
              r.state().initialLoss(),
              r.state().lastLoss(),
              r.end().reason,
              saved.isPresent(),
              data.testWindow());
      ModelVersion version =
          new VersionWriter(registry, dataDir, clock)
              .write(name, job.strategy(), start, data, r.net(), run, req.storedJob().orElse(null));
      cps.clear();
      return new TrainingOutcome.Completed(version, run);
    } catch (DatasetException | IllegalArgumentException e) {
      return new TrainingOutcome.Failed(e.getMessage(), true);
    } catch (UncheckedIOException e) {
      return new TrainingOutcome.Failed(e.getMessage() + ": " + e.getCause().getMessage(), false);
    } catch (RuntimeException e) {
      return new TrainingOutcome.Failed("training failed: " + e, false);
    } finally {
      if (own) {
        session.stop();
      }
    }
  }

  /** Energy of this session: final if it is ours, so far if the caller's (who stops it). */
  private static double endOf(EnergyMeter.Session session, boolean own) {
    return (own ? session.stop() : session.read()).totalKwh();
  }

  private static EpochLoop.Config config(
      NetworkSpec n, String metric, JobSpec job, boolean seq, boolean residual) {
    Double threshold = job.target() == null ? null : job.target().threshold();
    return new EpochLoop.Config(
        n.epochs() > 0 ? n.epochs() : 10,
        n.batchSize() > 0 ? n.batchSize() : 32,
        n.earlyStoppingPatience(),
        n.seed(),
        metric,
        threshold,
        seq,
        // a residual network starts from the naive forecast: no epoch worse than it is kept
        job.strategy() != Strategy.SCRATCH || residual);
  }

  private double seconds(Instant since) {
    return Duration.between(since, clock.instant()).toNanos() / 1e9;
  }

  /** A checkpoint is resumed only by the same job on the same data from the same start. */
  private static String key(JobSpec job, PreparedData data, StartingPoint start) {
    String text =
        String.join(
            "|",
            job.name(),
            String.valueOf(job.strategy()),
            String.valueOf(job.network()),
            String.valueOf(job.target()),
            data.fingerprint(),
            start.parentName() + ":" + start.parentVersion(),
            String.valueOf(job.modelFile()));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
