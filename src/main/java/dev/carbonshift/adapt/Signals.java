package dev.carbonshift.adapt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the monitor saw of one production model: the decision's inputs.
 *
 * @param variant {@code light} or {@code heavy}, the variant serving
 * @param mae the serving model's MAE on the newest labelled data
 * @param naiveMae the naive forecast's MAE on the same data
 * @param errorAlarm whether the Page-Hinkley detector on the error stream raised its alarm
 * @param errorStatistic the detector's statistic (its alarm is at lambda)
 * @param psi population stability index of the inputs, training window against the recent one
 * @param kl KL divergence of recent predictions against the training window's
 * @param otherMae the other variant's MAE on the same data (a shadow forecast), NaN if unknown
 * @param recentKwh IT energy of the model's recent training runs
 * @param recentKgCo2e their emissions
 * @param intensityNow grid intensity now, g/kWh (NaN if unknown)
 * @param intensityMinAhead lowest forecast intensity within a day, g/kWh (NaN if unknown)
 * @param daysSinceTrain days since the serving version's data ended
 */
public record Signals(
    String model,
    String variant,
    double mae,
    double naiveMae,
    boolean errorAlarm,
    double errorStatistic,
    double psi,
    double kl,
    double otherMae,
    double recentKwh,
    double recentKgCo2e,
    double intensityNow,
    double intensityMinAhead,
    double daysSinceTrain) {

  public static final String LIGHT = "light";
  public static final String HEAVY = "heavy";

  /** The serving model's MAE over the naive forecast's (above 1: worse than naive). */
  public double errorRatio() {
    return naiveMae > 0 ? mae / naiveMae : Double.NaN;
  }

  /** How much worse (positive) or better the light variant is than the heavy one, as a share. */
  public double lightGap() {
    if (!(otherMae > 0) || !(mae > 0)) {
      return Double.NaN;
    }
    return LIGHT.equals(variant) ? mae / otherMae - 1 : otherMae / mae - 1;
  }

  /** As the knowledge stores them: a flat JSON object. */
  public String json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("variant", variant);
    m.put("mae", mae);
    m.put("naiveMae", naiveMae);
    m.put("errorRatio", errorRatio());
    m.put("errorAlarm", errorAlarm);
    m.put("errorStatistic", errorStatistic);
    m.put("psi", psi);
    m.put("kl", kl);
    m.put("otherMae", otherMae);
    m.put("recentKwh", recentKwh);
    m.put("recentKgCo2e", recentKgCo2e);
    m.put("intensityNow", intensityNow);
    m.put("intensityMinAhead", intensityMinAhead);
    m.put("daysSinceTrain", daysSinceTrain);
    StringBuilder b = new StringBuilder("{");
    m.forEach(
        (k, v) -> {
          if (b.length() > 1) {
            b.append(',');
          }
          b.append('"').append(k).append("\":");
          if (v instanceof String s) {
            b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
          } else if (v instanceof Double d) {
            b.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "null");
          } else {
            b.append(v);
          }
        });
    return b.append('}').toString();
  }
}
