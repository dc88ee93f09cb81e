package dev.carbonshift.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded synthetic workloads for the benchmark: arrivals spread evenly at random over a span,
 * durations 1–12 h, slack 4–24 h, power 0.3–2.4 kW, a share interruptible.
 */
public final class SyntheticWorkload {
  private SyntheticWorkload() {}

  /**
   * @param homes home regions drawn uniformly
   * @param spatial whether jobs may run in any region (else only at home)
   */
  public static List<SimJob> generate(
      long seed,
      int jobs,
      Instant start,
      Duration span,
      List<String> homes,
      boolean spatial,
      double interruptibleShare) {
    Random rnd = new Random(seed);
    double[] powers = {0.3, 0.6, 1.2, 2.4};
    List<SimJob> out = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      Instant submitted = start.plusSeconds((long) (rnd.nextDouble() * span.toSeconds()));
      Duration d = Duration.ofMinutes(60 + rnd.nextInt(11 * 60 + 1));
      Duration slack = Duration.ofMinutes(4 * 60 + rnd.nextInt(20 * 60 + 1));
      String home = homes.get(rnd.nextInt(homes.size()));
      out.add(
          new SimJob(
              String.format("s%05d", i),
              submitted,
              d,
              powers[rnd.nextInt(powers.length)],
              submitted.plus(d).plus(slack),
              rnd.nextDouble() < interruptibleShare,
              home,
              spatial ? Set.of() : Set.of(home),
              0));
    }
    return out;
  }
}
