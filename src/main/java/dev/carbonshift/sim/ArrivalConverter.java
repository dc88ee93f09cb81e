package dev.carbonshift.sim;

import dev.carbonshift.config.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Turns GAIA/Alibaba arrival rows ({@code arrival_time,length,cpus}) into jobs. */
final class ArrivalConverter {
  private ArrivalConverter() {}

  static List<SimJob> convert(String file, List<String[]> rows, ArrivalOptions o) {
    if (o == null || o.start() == null || o.home() == null) {
      throw new InvalidInputException(
          file, 1, null, "an arrival trace needs a start date and a home region to become jobs");
    }
    List<double[]> parsed = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] c = rows.get(i);
      int line = i + 2;
      if (c == null) {
        continue;
      }
      if (c.length < 3) {
        throw new InvalidInputException(
            file, line, WorkloadReader.ARRIVALS.get(c.length), "missing column");
      }
      parsed.add(
          new double[] {
            WorkloadReader.number(file, line, "arrival_time", c[0]),
            WorkloadReader.positive(file, line, "length", c[1]),
            WorkloadReader.positive(file, line, "cpus", c[2])
          });
      lines.add(line);
    }
    double unit = o.unitSeconds() > 0 ? o.unitSeconds() : guessUnit(parsed);
    Random rnd = new Random(o.seed());
    List<SimJob> out = new ArrayList<>(parsed.size());
    for (int i = 0; i < parsed.size(); i++) {
      double[] p = parsed.get(i);
      Instant submitted = o.start().plusMillis(Math.round(p[0] * unit * 1000));
      Duration length = Duration.ofSeconds(Math.max(60, Math.round(p[1] * unit)));
      Instant deadline =
          submitted.plus(length).plus(WorkloadReader.hoursToDuration(o.slackHours()));
      out.add(
          new SimJob(
              "job-" + lines.get(i),
              submitted,
              length,
              p[2] * o.powerPerCpuWatts() / 1000.0,
              deadline,
              rnd.nextDouble() < o.interruptibleShare(),
              o.home(),
              Set.of(),
              0));
    }
    return out;
  }

  /** Lengths in the thousands are seconds (pai_1k); single digits are hours (pai-100k). */
  static double guessUnit(List<double[]> rows) {
    double[] lengths = rows.stream().mapToDouble(r -> r[1]).toArray();
    Arrays.sort(lengths);
    return lengths.length > 0 && lengths[lengths.length / 2] > 100 ? 1 : 3600;
  }
}
