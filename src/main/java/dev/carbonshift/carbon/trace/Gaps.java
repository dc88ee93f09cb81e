package dev.carbonshift.carbon.trace;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.config.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Checks the spacing of a trace's rows, and fills gaps by linear interpolation when asked. */
final class Gaps {
  private Gaps() {}

  static Trace check(
      String file,
      String zone,
      List<long[]> rows,
      List<Double> values,
      EmissionFactor factor,
      boolean fill) {
    long[] times = new long[rows.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = rows.get(i)[0];
      if (i > 0 && times[i] <= times[i - 1]) {
        String what = times[i] == times[i - 1] ? "duplicate time" : "time goes backwards";
        throw new InvalidInputException(
            file,
            (int) rows.get(i)[1],
            null,
            what + " (previous row is line " + rows.get(i - 1)[1] + ")");
      }
    }
    Duration step = TraceReader.modalStep(times);
    long s = step.toSeconds();
    List<Long> outT = new ArrayList<>(times.length);
    List<Double> outV = new ArrayList<>(times.length);
    List<String> notes = new ArrayList<>();
    int filled = 0;
    for (int i = 0; i < times.length; i++) {
      // one missing row of a regular trace (twice the step) is a gap too; only ragged steps below
      // that pass
      if (i > 0 && times[i] - times[i - 1] >= 2 * s) {
        if (!fill) {
          throw new InvalidInputException(
              file,
              (int) rows.get(i)[1],
              null,
              "gap of "
                  + Duration.ofSeconds(times[i] - times[i - 1])
                  + " before this row (usual step "
                  + step
                  + "); fix the file or ask for gaps to be filled");
        }
        double a = values.get(i - 1);
        double b = values.get(i);
        long span = times[i] - times[i - 1];
        for (long t = times[i - 1] + s; t < times[i]; t += s) {
          outT.add(t);
          outV.add(a + (b - a) * (t - times[i - 1]) / span);
          filled++;
        }
      }
      outT.add(times[i]);
      outV.add(values.get(i));
    }
    if (filled > 0) {
      notes.add(file + ": filled " + filled + " missing points by linear interpolation");
    }
    long[] t = outT.stream().mapToLong(Long::longValue).toArray();
    double[] v = outV.stream().mapToDouble(Double::doubleValue).toArray();
    return new Trace(zone, file, t, v, step, factor, notes);
  }
}
