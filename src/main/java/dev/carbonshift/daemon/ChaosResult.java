package dev.carbonshift.daemon;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The chaos bench's figures. Restart and detection times are wall times; the daemon ran at {@link
 * ChaosWorkload#SPEED}× the wall.
 *
 * @param kills kill -9s that hit at least one running training
 * @param killsMissed kill -9s that found nothing running (the training ended during the wait)
 * @param restartToResumed per kill, from the restart until every run it interrupted had a newer run
 *     of its job RUNNING or finished
 * @param restartsNotResumed restarts after which some run was not resumed within the bench's wait
 * @param heartbeatDetection from a kill -9 (no restart) until a heartbeat-only sweep, run every
 *     {@code sweepEvery}, marked the run INTERRUPTED; empty if it never did
 * @param heartbeatBound heartbeatEvery × missedHeartbeats, in wall time
 * @param sigtermExit the daemon's exit status after the final SIGTERM (-1: had to be killed)
 */
public record ChaosResult(
    long seed,
    int kills,
    int killsMissed,
    ChaosFigures store,
    List<Duration> restartToResumed,
    int restartsNotResumed,
    Optional<Duration> heartbeatDetection,
    Duration heartbeatBound,
    Duration sweepEvery,
    int sigtermExit) {

  public int jobsSubmitted() {
    return store.jobsSubmitted();
  }

  public int jobsLost() {
    return store.jobsLost();
  }

  public int runsTwice() {
    return store.runsTwice();
  }

  public int jobsWithoutOneVersion() {
    return store.jobsWithoutOneVersion();
  }

  public int interruptedRuns() {
    return store.interruptedRuns();
  }

  public int resumedFromCheckpoint() {
    return store.resumedFromCheckpoint();
  }

  public Duration medianRestartToResumed() {
    List<Duration> s = restartToResumed.stream().sorted().toList();
    if (s.isEmpty()) {
      return Duration.ZERO;
    }
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).plus(s.get(n / 2)).dividedBy(2);
  }

  public Duration maxRestartToResumed() {
    return restartToResumed.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }

  public void print(PrintWriter out) {
    ChaosFigures f = store;
    out.printf(
        Locale.ROOT,
        "chaos: %d kill -9s, each 1-5 s after a training passed its first epoch (%d more found"
            + " nothing running), seed %d, daemon clock at %.0fx (a heartbeat a wall second)%n",
        kills,
        killsMissed,
        seed,
        ChaosWorkload.SPEED);
    row(out, "jobs submitted", String.valueOf(f.jobsSubmitted()), "");
    row(out, "jobs lost (not SUCCEEDED)", String.valueOf(f.jobsLost()), "goal 0");
    row(out, "runs recorded twice", String.valueOf(f.runsTwice()), "goal 0");
    row(
        out,
        "jobs with model versions != 1",
        String.valueOf(f.jobsWithoutOneVersion()),
        "goal 0: exactly one version per job");
    row(out, "interrupted runs", String.valueOf(f.interruptedRuns()), "");
    row(
        out,
        "  of which resumed from a checkpoint",
        String.valueOf(f.resumedFromCheckpoint()),
        "goal all "
            + f.interruptedRuns()
            + (f.interruptedBeforeAnyCheckpoint() > 0
                ? " (" + f.interruptedBeforeAnyCheckpoint() + " killed before any epoch)"
                : ""));
    row(
        out,
        "whole epochs trained again",
        String.valueOf(f.epochsRepeated()),
        "goal 0; the partial epoch under way at each kill is lost and not counted"
            + (f.resumesPastStored() > 0
                ? "; " + f.resumesPastStored() + " resumes began 1 past the stored count"
                : ""));
    row(
        out,
        "restart to resumed",
        String.format(
            Locale.ROOT,
            "median %s, max %s",
            secs(medianRestartToResumed()),
            secs(maxRestartToResumed())),
        "over "
            + restartToResumed.size()
            + " restarts (includes the daemon JVM's start)"
            + (restartsNotResumed > 0 ? "; " + restartsNotResumed + " not resumed in time" : ""));
    row(
        out,
        "dead-run detection by heartbeat",
        heartbeatDetection.map(ChaosResult::secs).orElse("never"),
        "bound "
            + secs(heartbeatBound)
            + " (heartbeatEvery x missedHeartbeats), sweeps every "
            + secs(sweepEvery)
            + ", so at most "
            + secs(heartbeatBound.plus(sweepEvery)));
    row(out, "daemon exit on SIGTERM", String.valueOf(sigtermExit), "goal 0");
  }

  private static void row(PrintWriter out, String what, String value, String goal) {
    out.printf(Locale.ROOT, "  %-37s %-24s %s%n", what, value, goal);
  }

  private static String secs(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
