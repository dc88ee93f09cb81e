package dev.carbonshift.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the past of a stream says about its next hours: sampled futures made of the arrivals of
 * earlier days, for {@link Planner#plan(PlanRequest, List, int)} to price scarce capacity with.
 *
 * <p>Sample {@code d} (d = 1 .. {@link #SAMPLES}) is the arrivals of the {@link #HORIZON} that
 * began {@code d} days before {@code now}, moved {@code d} days on: the rate by hour of day, the
 * durations, powers, slack, homes and regions of the recent past, as they came. A sample is drawn
 * only where the history reaches back far enough to hold it whole. Only jobs submitted at or before
 * {@code now} are read, so what is drawn never depends on what the stream does after {@code now}.
 */
public final class Anticipation {
  /** Sampled futures per round. */
  public static final int SAMPLES = 3;

  /** How far ahead a sample reaches. */
  public static final Duration HORIZON = Duration.ofHours(24);

  private static final Duration DAY = Duration.ofDays(1);

  /** The expected jobs of the samples drawn, and how many samples there are. */
  public record Futures(List<PlanJob> jobs, int samples) {
    public static final Futures NONE = new Futures(List.of(), 0);

    public Futures {
      jobs = List.copyOf(jobs);
    }
  }

  private Anticipation() {}

  /**
   * The sampled futures after {@code now}.
   *
   * @param history the stream's arrivals so far (any order); those submitted after {@code now} are
   *     ignored
   * @param since when the stream began: a sample needs its whole day of history after it
   */
  public static Futures at(List<PlanJob> history, Instant since, Instant now) {
    List<PlanJob> out = new ArrayList<>();
    int samples = 0;
    for (int d = 1; d <= SAMPLES; d++) {
      Duration back = DAY.multipliedBy(d);
      Instant from = now.minus(back);
      if (from.isBefore(since)) {
        break;
      }
      samples++;
      Instant to = from.plus(HORIZON);
      for (PlanJob j : history) {
        Instant at = j.submittedAt();
        if (at.isAfter(from) && !at.isAfter(to) && !at.isAfter(now)) {
          out.add(shifted(j, back, d));
        }
      }
    }
    return samples == 0 ? Futures.NONE : new Futures(out, samples);
  }

  private static PlanJob shifted(PlanJob j, Duration by, int sample) {
    return new PlanJob(
        "expected-" + sample + "-" + j.id(),
        j.submittedAt().plus(by),
        j.earliestStart().plus(by),
        j.deadline() == null ? null : j.deadline().plus(by),
        j.duration(),
        j.powerWatts(),
        j.interruptible(),
        j.minSlice(),
        j.resumeKwh(),
        j.priority(),
        j.home(),
        j.regions(),
        j.defaultEstimate(),
        j.gpus());
  }
}
