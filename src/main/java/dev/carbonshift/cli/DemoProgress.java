package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.daemon.LiveRun;
import dev.carbonshift.daemon.QueuePlanner;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Slice;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.EpochProgress;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's live display, read from the store as any client would: one line per event (a job
 * submitted, placed and why, re-planned, started, paused, resumed, finished), stamped with the
 * daemon's clock. On a terminal a status line under them shows the clock and the running epochs;
 * elsewhere (a pipe, a log, a test) only the plain event lines are written.
 */
final class DemoProgress {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Carbonshift cs;
  private final PrintWriter out;
  private final boolean tty;
  private final Map<String, String> placed = new HashMap<>();
  private final Set<String> seenJobs = new HashSet<>();
  private final Map<Long, RunState> seenRuns = new HashMap<>();
  private final Map<String, EpochProgress> epochs = new ConcurrentHashMap<>();
  private boolean statusShown;

  DemoProgress(Carbonshift cs, PrintWriter out, boolean tty) {
    this.cs = cs;
    this.out = out;
    this.tty = tty;
  }

  static String when(Instant t) {
    return WHEN.format(t);
  }

  /** The last epoch of a running job, for the status line. */
  void epoch(LiveRun run, EpochProgress e) {
    epochs.put(run.jobId(), e);
  }

  /** Prints what changed in the store since the last call. */
  void poll() {
    List<Line> lines = new ArrayList<>();
    List<StoredJob> jobs = new ArrayList<>(cs.jobs().all());
    jobs.sort(Comparator.comparing(StoredJob::submittedAt).thenComparing(StoredJob::name));
    for (StoredJob j : jobs) {
      if (seenJobs.add(j.id())) {
        lines.add(submitted(j));
      }
      if (j.recurring()) {
        continue;
      }
      Optional<PlacementRecord> p = cs.placements().current(j.id());
      if (p.isPresent()) {
        String key = p.get().region() + " " + p.get().start() + " " + p.get().slicesJson();
        String before = placed.put(j.id(), key);
        if (!key.equals(before)) {
          lines.add(placement(j, p.get(), before == null));
        }
      }
      for (RunRecord r : cs.runs().forJob(j.id())) {
        RunState was = seenRuns.put(r.id(), r.state());
        if (was == null) {
          lines.add(started(j, r));
        }
        if (r.state() != RunState.RUNNING && was != r.state()) {
          lines.add(ended(j, r));
        }
      }
    }
    if (!lines.isEmpty()) {
      clearStatus();
      // each line starts with its time: in time order within what this look found
      lines.stream().sorted(Comparator.comparing(Line::at)).forEach(l -> out.println(l.text()));
    }
    if (tty) {
      status(jobs);
    }
    out.flush();
  }

  private Line submitted(StoredJob j) {
    if (j.recurring()) {
      return line(
          j.submittedAt(),
          "recurring",
          j.name(),
          "on cron '"
              + j.schedule()
              + "' ("
              + j.strategy().name().toLowerCase(Locale.ROOT)
              + "); each firing submits a job");
    }
    String regions = String.join(", ", JobIntake.specOf(j, cs.catalog(), cs.clock()).regions());
    return line(
        j.submittedAt(),
        "submitted",
        j.name(),
        j.strategy().name().toLowerCase(Locale.ROOT)
            + (j.parentId() != null ? " (its cron fired)" : "")
            + (j.interruptible() ? ", interruptible" : "")
            + ", may run in "
            + regions
            + ", home "
            + j.homeRegion()
            + (j.deadline() == null ? "" : ", deadline " + when(j.deadline())));
  }

  private Line placement(StoredJob j, PlacementRecord p, boolean first) {
    List<Slice> slices = QueuePlanner.slices(p);
    StringBuilder s = new StringBuilder();
    s.append(p.region()).append(' ');
    if (slices.size() > 1) {
      s.append(slices.size()).append(" slices ");
      for (int i = 0; i < slices.size(); i++) {
        s.append(i == 0 ? "" : ", ")
            .append(when(slices.get(i).start()))
            .append('-')
            .append(WHEN.format(slices.get(i).end()).substring(4));
      }
    } else {
      s.append(when(p.start())).append('-').append(WHEN.format(p.end()).substring(4));
    }
    double saving =
        p.baselineGCo2e() > 0
            ? 100 * (p.baselineGCo2e() - p.expectedGCo2e()) / p.baselineGCo2e()
            : 0;
    s.append(
        String.format(
            Locale.ROOT,
            ": %.0f gCO2e expected vs %.0f at once at home (%.0f%% less)",
            p.expectedGCo2e(),
            p.baselineGCo2e(),
            saving));
    s.append("\n").append(" ".repeat(24)).append("why: ").append(p.reason().text());
    // a round that began before the job was stored still places it after its submission
    Instant at = p.plannedAt().isBefore(j.submittedAt()) ? j.submittedAt() : p.plannedAt();
    return line(at, first ? "placed" : "re-planned", j.name(), s.toString());
  }

  private Line started(StoredJob j, RunRecord r) {
    String what =
        "in "
            + r.region()
            + (r.sliceIndex() > 0 ? ", slice " + (r.sliceIndex() + 1) : "")
            + (cs.runs().forJob(j.id()).stream().anyMatch(o -> o.id() < r.id())
                ? ", from its last checkpoint"
                : "");
    return line(r.startedAt(), r.sliceIndex() > 0 ? "resumed" : "started", j.name(), what);
  }

  private Line ended(StoredJob j, RunRecord r) {
    Instant at = r.endedAt() == null ? cs.clock().instant() : r.endedAt();
    String energy =
        r.accounting() == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; %s kWh, %s gCO2e (at once at home: %s)",
                DemoSummary.num(r.accounting().itKwh()),
                r.accounting().kgCo2e() == null
                    ? "?"
                    : DemoSummary.num(1000 * r.accounting().kgCo2e()),
                r.accounting().baselineKgCo2e() == null
                    ? "?"
                    : DemoSummary.num(1000 * r.accounting().baselineKgCo2e()));
    return switch (r.state()) {
      case SUCCEEDED ->
          line(
              at,
              "succeeded",
              j.name(),
              "in "
                  + r.region()
                  + cs.models().producedBy(j.id()).map(v -> ": " + v.ref()).orElse("")
                  + (r.metricName() == null
                      ? ""
                      : String.format(Locale.ROOT, " %s=%.3f", r.metricName(), r.metricValue()))
                  + energy);
      case INTERRUPTED ->
          line(
              at,
              r.endReason() != null && r.endReason().startsWith("found dead")
                  ? "interrupted"
                  : r.endReason() != null && r.endReason().contains("slice") ? "paused" : "stopped",
              j.name(),
              (r.endReason() == null ? "" : r.endReason()) + energy);
      default ->
          line(
              at,
              r.state().name().toLowerCase(Locale.ROOT),
              j.name(),
              String.valueOf(r.endReason()));
    };
  }

  private record Line(Instant at, String text) {}

  private static Line line(Instant at, String event, String job, String what) {
    return new Line(
        at, String.format(Locale.ROOT, "[%s] %-10s %-24s %s", when(at), event, job, what));
  }

  private void status(List<StoredJob> jobs) {
    StringBuilder s = new StringBuilder("[").append(when(cs.clock().instant())).append("] ");
    int waiting = 0;
    List<String> running = new ArrayList<>();
    for (StoredJob j : jobs) {
      if (j.state() == JobState.RUNNING) {
        EpochProgress e = epochs.get(j.id());
        running.add(j.name() + (e == null ? "" : " epoch " + e.epoch() + "/" + e.maxEpochs()));
      } else if (j.state() == JobState.QUEUED || j.state() == JobState.PLANNED) {
        waiting++;
      }
    }
    s.append(running.isEmpty() ? "nothing running" : "running: " + String.join(", ", running));
    s.append("; ").append(waiting).append(" waiting");
    out.print("\r\033[K" + s);
    statusShown = true;
  }

  private void clearStatus() {
    if (statusShown) {
      out.print("\r\033[K");
      statusShown = false;
    }
  }

  /** Ends the status line, so that what follows starts on a line of its own. */
  void done() {
    clearStatus();
    out.flush();
  }
}
