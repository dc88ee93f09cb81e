package dev.carbonshift.plan;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a plan as the human table and the JSON that {@code plan} prints. Pure. */
public final class PlanRenderer {
  private PlanRenderer() {}

  public static String table(PlanResult plan) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-20s %-12s %-20s %-20s %6s %9s %10s %10s %7s%n",
            "JOB",
            "REGION",
            "START",
            "END",
            "SLICES",
            "KWH",
            "GCO2E",
            "BASELINE",
            "SAVING"));
    for (Placement p : plan.placements()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-20s %-12s %-20s %-20s %6d %9.2f %10.0f %10.0f %6.1f%%%n",
              p.jobId(),
              p.regionId(),
              p.start(),
              p.end(),
              p.slices().size(),
              p.kwh(),
              p.gCo2e(),
              p.baselineGCo2e(),
              p.savingPct()));
      sb.append("  why: ").append(p.reason().text()).append(System.lineSeparator());
      sb.append("  fallback: ").append(p.fallback()).append(System.lineSeparator());
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "total %.0f gCO2e vs %.0f at once at home (%s)%n",
            plan.totalGCo2e(),
            plan.baselineGCo2e(),
            plan.method()));
    plan.notes().forEach(n -> sb.append("note: ").append(n).append(System.lineSeparator()));
    return sb.toString();
  }

  public static String json(PlanResult plan) {
    String placements =
        plan.placements().stream().map(PlanRenderer::json).collect(Collectors.joining(","));
    String notes = plan.notes().stream().map(PlanRenderer::str).collect(Collectors.joining(","));
    return "{\"method\":"
        + str(plan.method())
        + ",\"placements\":["
        + placements
        + "],\"notes\":["
        + notes
        + "]}";
  }

  private static String json(Placement p) {
    String slices =
        p.slices().stream()
            .map(s -> "{\"start\":" + time(s.start()) + ",\"end\":" + time(s.end()) + "}")
            .collect(Collectors.joining(","));
    return String.format(
        Locale.ROOT,
        "{\"job\":%s,\"region\":%s,\"start\":%s,\"end\":%s,\"slices\":[%s],\"kwh\":%.4f,"
            + "\"gCo2e\":%.2f,\"baselineGCo2e\":%.2f,\"savingPct\":%.2f,\"reason\":%s,"
            + "\"fallback\":%s,%s}",
        str(p.jobId()),
        str(p.regionId()),
        time(p.start()),
        time(p.end()),
        slices,
        p.kwh(),
        p.gCo2e(),
        p.baselineGCo2e(),
        p.savingPct(),
        str(p.reason().text()),
        str(p.fallback()),
        parts(p.reason()));
  }

  /** The reason's parts ({@link Reason#parts()}) as JSON members, beside its text. */
  private static String parts(Reason r) {
    return r.parts().entrySet().stream()
        .map(e -> str(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(","));
  }

  /** A JSON value of a string, null, list or map, the kinds {@link Reason#parts()} holds. */
  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof List<?> l) {
      return "[" + l.stream().map(PlanRenderer::value).collect(Collectors.joining(",")) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      return "{"
          + m.entrySet().stream()
              .map(e -> str(e.getKey().toString()) + ":" + value(e.getValue()))
              .collect(Collectors.joining(","))
          + "}";
    }
    return str(v.toString());
  }

  private static String time(Instant t) {
    return str(t.toString());
  }

  /** A JSON string literal. */
  static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
