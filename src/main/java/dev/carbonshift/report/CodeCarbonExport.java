package dev.carbonshift.report;

import dev.carbonshift.energy.Component;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The period's runs as CodeCarbon's {@code emissions.csv}, one row per run, in the same columns
 * {@code measure --csv} writes. A component a run did not measure is left empty (the methodology
 * says why), never 0; what the store does not know of the machine is left empty too.
 */
final class CodeCarbonExport {
  private CodeCarbonExport() {}

  static String write(Report r) {
    List<Map<String, String>> rows = new ArrayList<>(r.runs().size());
    for (RunFact run : r.runs()) {
      Map<Component, Double> kwh = new EnumMap<>(Component.class);
      int gpus = 0;
      for (RunFact.Line l : run.energy()) {
        kwh.merge(l.component(), l.itKwh(), Double::sum);
        gpus += l.component() == Component.GPU ? l.devices() : 0;
      }
      CodeCarbonCsv.Meta meta =
          new CodeCarbonCsv.Meta(
              run.team() == null ? run.jobName() : run.team() + "/" + run.jobName(),
              Long.toString(run.runId()),
              run.jobId(),
              "",
              "",
              0,
              "",
              gpus,
              Double.NaN,
              "carbonshift-run",
              "",
              run.region());
      rows.add(
          CodeCarbonCsv.row(
              new CodeCarbonCsv.Energy(
                  run.endedAt(), run.hours() * 3600, kwh, run.pue(), run.kgCo2e(), null),
              meta));
    }
    return CodeCarbonCsv.text(rows);
  }
}
