package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.Daemon;
import dev.carbonshift.daemon.ScaledClock;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.region.Region;
import dev.carbonshift.store.AdaptDecision;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The demo itself: the daemon of {@code bin/carbonshift daemon}, in this process, on a clock that
 * runs {@code speed} times faster than the wall. Jobs go in through the same intake and hooks as
 * {@code POST /jobs}; the daemon plans them, starts each at its placed time on a worker of its
 * region, pauses and resumes the interruptible one at its slice ends, fires the nightly cron and
 * heartbeats every run. The demo only watches the store, submits a job whose base model is produced
 * by another demo job once that model has a version (as its team would), and stops the daemon when
 * every job is done.
 */
final class DemoRun {
  /** How often the demo looks at the store, in wall time. */
  private static final long POLL_MILLIS = 200;

  private final Carbonshift cs;
  private final ScaledClock clock;
  private final DemoFolder folder;
  private final Map<Path, ParsedJob> parsed;
  private final PrintWriter out;
  private final boolean tty;
  private final Instant giveUpAt;

  DemoRun(
      Carbonshift cs,
      ScaledClock clock,
      DemoFolder folder,
      Map<Path, ParsedJob> parsed,
      PrintWriter out,
      boolean tty,
      Instant giveUpAt) {
    this.cs = cs;
    this.clock = clock;
    this.folder = folder;
    this.parsed = parsed;
    this.out = out;
    this.tty = tty;
    this.giveUpAt = giveUpAt;
  }

  /** Runs until every job is done (or the clock passes {@code giveUpAt}); true if all were. */
  boolean run() throws IOException, InterruptedException {
    // while the clock stands: the traces are read once, so the first planning round is quick
    Instant at = clock.instant();
    cs.sources().forecasts(cs.catalog().all(), at, at.plus(Duration.ofHours(48)));
    DemoProgress progress = new DemoProgress(cs, out, tty);
    DemoPace pace = new DemoPace(cs);
    try (Daemon daemon = Daemon.create(cs)) {
      daemon.listen(
          (Daemon.RunListener)
              (run, e) -> {
                progress.epoch(run, e);
                pace.epochEnded(run, e);
              });
      clock.start();
      // a resumed demo's dead run is found here, and goes back to the queue to resume
      daemon.start();
      Map<Path, ParsedJob> waiting = new LinkedHashMap<>(parsed);
      Set<String> present =
          cs.jobs().all().stream()
              .filter(j -> j.parentId() == null)
              .map(StoredJob::name)
              .collect(Collectors.toSet());
      waiting.values().removeIf(p -> present.contains(p.spec().name()));
      long lastMark = 0;
      boolean adapted = false;
      while (true) {
        submitReady(daemon, waiting, parsed);
        progress.poll();
        if (System.nanoTime() - lastMark > 500_000_000L) {
          folder.clock(clock.instant());
          lastMark = System.nanoTime();
        }
        if (waiting.isEmpty() && allDone(parsed)) {
          if (!adapted) {
            adapted = true;
            if (adaptCycle(daemon)) {
              continue;
            }
          }
          break;
        }
        if (clock.instant().isAfter(giveUpAt)) {
          progress.done();
          out.printf(
              "the demo's clock passed %s with jobs not done; stopping (the report covers what"
                  + " ran)%n",
              DemoProgress.when(giveUpAt));
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
      progress.done();
    }
    folder.clock(clock.instant());
    return allDone(parsed);
  }

  /**
   * One cycle of the forecaster's MAPE-K loop (issue #18, item 4), while the daemon still runs,
   * after every demo job is done and before the report is written: its decision and reason are
   * printed and stored, and a job its tactic submits goes through the normal queue, so the demo
   * waits for it to be planned and run.
   *
   * @return true if the cycle submitted a job that the demo must wait for
   */
  private boolean adaptCycle(Daemon daemon) {
    String model =
        parsed.values().stream()
            .filter(p -> p.spec().schedule() != null)
            .map(p -> p.spec().model())
            .findFirst()
            .orElse("ci-forecaster-es");
    // the daemon's own nightly cycle may have decided already, on its cron: show those first
    for (AdaptDecision earlier : cs.adaptDecisions().list(model)) {
      out.printf(
          "MAPE-K nightly cycle (%s) on %s: %s — %s; outcome %s%n",
          DemoProgress.when(earlier.at()),
          model,
          earlier.tactic(),
          earlier.reason(),
          earlier.outcome());
    }
    AdaptDecision d;
    try {
      d = cs.adapt().cycle(model);
    } catch (RuntimeException e) {
      out.printf("MAPE-K cycle on %s failed: %s%n", model, e.getMessage());
      out.flush();
      return false;
    }
    out.printf(
        "MAPE-K cycle on %s%s: %s — %s%n",
        model, d.version() == null ? "" : " v" + d.version(), d.tactic(), d.reason());
    if (d.jobId() != null) {
      out.printf(
          "  submitted %s through the queue, to finish by %s; the planner puts it in a green"
              + " window%n",
          d.jobId(), d.deadline() == null ? "its deadline" : DemoProgress.when(d.deadline()));
    }
    out.flush();
    return d.jobId() != null;
  }

  /**
   * Submits each waiting descriptor whose base model exists, is not made by another demo job, or is
   * needed only when its schedule fires: the transfer waits for the model it starts from.
   */
  private void submitReady(Daemon daemon, Map<Path, ParsedJob> waiting, Map<Path, ParsedJob> all) {
    Set<String> madeHere =
        all.values().stream()
            .filter(p -> p.spec().strategy() == Strategy.SCRATCH)
            .map(p -> p.spec().model())
            .collect(Collectors.toSet());
    List<Path> ready = new ArrayList<>();
    waiting.forEach(
        (f, p) -> {
          Optional<String> base = baseModelName(p);
          // a schedule fires later: the nightly retrain is submitted at once, as a team would
          if (p.spec().schedule() != null
              || base.isEmpty()
              || !madeHere.contains(base.get())
              || cs.models().latest(base.get()).isPresent()) {
            ready.add(f);
          }
        });
    if (ready.isEmpty()) {
      return;
    }
    for (StoredJob j : cs.intake().submit(ready)) {
      daemon.submitted(j);
    }
    ready.forEach(waiting::remove);
  }

  /** The registry name of the model a descriptor starts from, if it starts from one. */
  static Optional<String> baseModelName(ParsedJob p) {
    if (p.spec().strategy() == Strategy.SCRATCH || p.spec().modelFile() != null) {
      return Optional.empty();
    }
    String b = p.spec().baseModel() == null ? "latest" : p.spec().baseModel().trim();
    int colon = b.lastIndexOf(':');
    if (colon >= 0) {
      return Optional.of(b.substring(0, colon));
    }
    return b.equals("latest") || b.chars().allMatch(Character::isDigit)
        ? Optional.of(p.spec().model())
        : Optional.of(b);
  }

  /**
   * Every one-off job done, and every recurring one has had an occurrence done; a job the demo
   * still holds back is not done.
   */
  private boolean allDone(Map<Path, ParsedJob> parsed) {
    List<StoredJob> jobs = cs.jobs().all();
    for (ParsedJob p : parsed.values()) {
      Optional<StoredJob> j =
          jobs.stream()
              .filter(x -> x.parentId() == null && x.name().equals(p.spec().name()))
              .findFirst();
      if (j.isEmpty()) {
        return false;
      }
      if (j.get().recurring()) {
        String id = j.get().id();
        if (jobs.stream().noneMatch(x -> id.equals(x.parentId()) && terminal(x.state()))) {
          return false;
        }
      } else if (!terminal(j.get().state())) {
        return false;
      }
    }
    return jobs.stream().filter(x -> !x.recurring()).allMatch(x -> terminal(x.state()));
  }

  private static boolean terminal(JobState s) {
    return s == JobState.SUCCEEDED || s == JobState.FAILED || s == JobState.CANCELLED;
  }

  /** The regions and where their intensities come from offline. */
  static void printRegions(Carbonshift cs, PrintWriter out) {
    out.printf("== %d regions from %s%n", cs.catalog().all().size(), cs.catalog().dir());
    for (Region r : cs.catalog().all()) {
      out.printf(
          Locale.ROOT,
          "  %-12s zone %-12s PUE %.2f  capacity %d  %s%n",
          r.id(),
          r.zone(),
          r.pue(),
          r.capacity(),
          r.trace() == null
              ? "no bundled trace: a flat yearly average offline"
              : "bundled trace " + Path.of(r.trace()).getFileName());
    }
  }

  /** The descriptors in {@code dir}, in name order. */
  static List<Path> descriptors(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .toList();
    }
  }

  static Duration wall(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
