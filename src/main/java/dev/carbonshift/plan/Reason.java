package dev.carbonshift.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a placement is what it is, in typed parts: what kind of choice it was, what capacity took
 * from it, what stood in for a missing forecast, and which method found it. {@link #text()} is the
 * one place these parts become words, and {@link #parts()} the one place they get their JSON names;
 * the store keeps each part in its own column.
 *
 * @param outcome what kind of choice this is
 * @param summary the choice in words: what was ranked, and the intensities that decided it
 * @param cleanestTaken the job's cleanest option, when capacity gave it to other jobs; else null
 * @param intensityFallback what stood in for the chosen region's missing forecast; else null
 * @param notes further facts about the job's planning (horizon, default estimate, signals)
 * @param method how the round found it ({@link PlanResult#method()}); null until a round's
 *     placement is stored, as a plan's placements share the plan's method
 */
public record Reason(
    Outcome outcome,
    String summary,
    Taken cleanestTaken,
    String intensityFallback,
    List<String> notes,
    String method) {

  /** The kinds of choice a placement can be. */
  public enum Outcome {
    /** Placed where and when its expected emissions are lowest among its options that fit. */
    LOWEST_EMISSIONS,
    /** Its deadline cannot be met from its earliest start: it runs at once at home. */
    DEADLINE_UNREACHABLE,
    /** No room in its regions before its deadline: it runs at once at home, over capacity. */
    NO_CAPACITY,
    /** It asks more GPUs than every region it may run in has: it runs at once at home. */
    GPUS_BEYOND_REGIONS,
    /** None of its regions has an intensity to rank: it runs at once at home. */
    NOTHING_TO_RANK,
    /** The run-now rule ran it at once at home without ranking (a peer policy of simulate). */
    RUN_NOW,
    /** A foreground {@code train} claimed it to run now at home, without ranking. */
    FOREGROUND_TRAIN,
    /** Stored before reasons were typed: its summary holds the whole text as it was then. */
    RECORDED
  }

  /** An option that capacity gave to other jobs: the region and the start it would have had. */
  public record Taken(String regionId, Instant start) {
    public Taken {
      Objects.requireNonNull(regionId, "regionId");
      Objects.requireNonNull(start, "start");
    }
  }

  public Reason {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(summary, "summary");
    notes = List.copyOf(notes);
  }

  /** A reason that is its summary alone, found by no planning method. */
  public static Reason of(Outcome outcome, String summary) {
    return new Reason(outcome, summary, null, null, List.of(), null);
  }

  /** A reason stored as text only, before its parts had columns of their own. */
  public static Reason recorded(String text) {
    return of(Outcome.RECORDED, text);
  }

  /** This reason, found by {@code method}. */
  public Reason foundBy(String method) {
    return new Reason(outcome, summary, cleanestTaken, intensityFallback, notes, method);
  }

  /**
   * Whether capacity moved the job off its own cheapest option (others had taken it), or left it no
   * room at all before its deadline.
   */
  public boolean displaced() {
    return outcome == Outcome.NO_CAPACITY || cleanestTaken != null;
  }

  /** The reason in words, as {@code plan}, {@code status}, the API and the log show it. */
  public String text() {
    List<String> parts = new ArrayList<>();
    parts.add(summary);
    if (cleanestTaken != null) {
      parts.add(
          "capacity: the cleanest option ("
              + cleanestTaken.regionId()
              + " from "
              + cleanestTaken.start()
              + ") was taken by others");
    }
    if (intensityFallback != null) {
      parts.add(intensityFallback);
    }
    parts.addAll(notes);
    String words = String.join("; ", parts);
    return method == null ? words : words + " [" + method + "]";
  }

  /**
   * The parts by the names that {@code plan --json} and the API give them, beside {@code reason}
   * (the text): {@code outcome}, {@code method} (null in a plan: the plan's own {@code method} says
   * it), {@code cleanestTaken} ({@code {region, start}} or null), {@code intensityFallback} (or
   * null) and {@code notes}. Values are strings, nulls, a list of strings and one nested map.
   */
  public Map<String, Object> parts() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outcome", outcome.name());
    m.put("method", method);
    if (cleanestTaken == null) {
      m.put("cleanestTaken", null);
    } else {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("region", cleanestTaken.regionId());
      t.put("start", cleanestTaken.start().toString());
      m.put("cleanestTaken", Collections.unmodifiableMap(t));
    }
    m.put("intensityFallback", intensityFallback);
    m.put("notes", notes);
    return Collections.unmodifiableMap(m);
  }
}
