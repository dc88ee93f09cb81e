package dev.carbonshift.daemon;

import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Times the heartbeat rule alone: the daemon is killed and left down, and this process sweeps for
 * dead runs as a daemon on another host would, by heartbeat only, at the daemon's own sweep cadence
 * (every heartbeat interval) and at a seeded phase, since a peer's sweeps keep their own rhythm.
 * The sweeps read the dead daemon's scaled clock as estimated from the heartbeats it wrote.
 */
final class HeartbeatDetection {
  /** Kills the daemon and returns the runs the store still calls RUNNING. */
  interface Kill {
    List<RunRecord> now() throws InterruptedException;
  }

  /** Keeps the queue fed while the heartbeats are watched. */
  interface Poll {
    void now() throws IOException;
  }

  /** The runs a kill left behind, and how long after it the sweeps found them all dead. */
  record Outcome(List<RunRecord> hit, Optional<Duration> detected) {}

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(1);

  private final Carbonshift cs;
  private final DaemonConfig config;
  private final Random random;

  HeartbeatDetection(Carbonshift cs, DaemonConfig config, Random random) {
    this.cs = cs;
    this.config = config;
    this.random = random;
  }

  /** heartbeatEvery × missedHeartbeats, in wall time. */
  Duration bound() {
    return wall(config.deadAfter());
  }

  Duration sweepEvery() {
    return wall(config.heartbeatEvery());
  }

  private static Duration wall(Duration daemonTime) {
    return Duration.ofNanos(Math.round(daemonTime.toNanos() / ChaosWorkload.SPEED));
  }

  /** Call while a run is under way: watches its heartbeats, kills the daemon and sweeps. */
  Outcome measure(Kill kill, Poll poll) throws InterruptedException, IOException {
    DaemonClockEstimate daemonTime =
        new DaemonClockEstimate(ChaosWorkload.SPEED, Clock.systemUTC());
    // a few heartbeats, so that at least one is seen within a poll of its writing; the kill waits
    // for a run to be under way, as one may end meanwhile
    long watchUntil = System.nanoTime() + bound().plus(sweepEvery()).toNanos();
    long hardLimit = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    boolean running = false;
    while (System.nanoTime() < watchUntil || daemonTime.observed() < 2 || !running) {
      if (System.nanoTime() > hardLimit) {
        return new Outcome(kill.now(), Optional.empty());
      }
      poll.now();
      List<RunRecord> now = cs.runs().running();
      running = !now.isEmpty();
      now.stream().map(RunRecord::heartbeatAt).max(Instant::compareTo).ifPresent(daemonTime::saw);
      Thread.sleep(10);
    }
    List<RunRecord> hit = kill.now();
    long killedAt = System.nanoTime();
    if (hit.isEmpty()) {
      return new Outcome(hit, Optional.empty());
    }
    DeadRuns sweeps =
        DeadRuns.byHeartbeatOnly(cs.runs(), cs.jobs(), daemonTime.clock(), config.deadAfter());
    long every = sweepEvery().toNanos();
    long next = killedAt + (long) (random.nextDouble() * every);
    long giveUp = killedAt + bound().multipliedBy(10).toNanos();
    while (next < giveUp) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      sweeps.sweep();
      if (hit.stream().allMatch(r -> stateOf(r) != RunState.RUNNING)) {
        return new Outcome(hit, Optional.of(Duration.ofNanos(System.nanoTime() - killedAt)));
      }
      next += every;
    }
    return new Outcome(hit, Optional.empty());
  }

  private RunState stateOf(RunRecord r) {
    return cs.runs().find(r.id()).map(RunRecord::state).orElse(RunState.RUNNING);
  }
}
