package dev.carbonshift.report;

import dev.carbonshift.account.Emissions;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run's account as text for people: energy per component and method, PUE, intensity and its kind,
 * kgCO2e, baseline. Small figures keep three significant digits, so energy that was used never
 * prints as 0.
 */
public final class AccountText {
  private AccountText() {}

  public static List<String> lines(RunAccount a) {
    List<String> out = new ArrayList<>();
    out.add("energy         IT energy, before PUE");
    for (Component c : Component.values()) {
      List<ComponentEnergy> mine = a.lines().stream().filter(l -> l.component() == c).toList();
      if (mine.isEmpty()) {
        String why =
            a.notes().stream()
                .filter(n -> n.startsWith(c + ":"))
                .findFirst()
                .map(n -> n.substring(c.name().length() + 1).trim())
                .orElse("no sensor");
        out.add(String.format(Locale.ROOT, "  %-4s %-9s not measured: %s", c, "-", why));
      }
      for (ComponentEnergy l : mine) {
        out.add(
            String.format(
                Locale.ROOT, "  %-4s %-9s %s", c, l.method().label(), energy(l.joules())));
      }
    }
    out.add(String.format(Locale.ROOT, "  %-14s %s", "total", energy(a.itKwh() * 3_600_000)));
    a.emissions()
        .ifPresentOrElse(
            e -> out.addAll(emissions("", e)),
            () -> out.add("emissions      unknown (no carbon intensity for the run)"));
    a.baseline()
        .ifPresent(
            b -> {
              out.addAll(emissions("baseline ", b));
              out.add(
                  String.format(
                      Locale.ROOT,
                      "%-15s%s kgCO2e (baseline - emissions)",
                      "avoided",
                      kg(a.avoidedKgCo2e().orElse(Double.NaN))));
            });
    return out;
  }

  private static List<String> emissions(String prefix, Emissions e) {
    IntensityOver i = e.intensity();
    String kind = i.basis().name().toLowerCase(Locale.ROOT);
    if (i.basis() != IntensityKind.ESTIMATE && i.actualShare() > 0 && i.actualShare() < 1) {
      kind += String.format(Locale.ROOT, ", %.0f%% actual", 100 * i.actualShare());
    }
    return List.of(
        String.format(
            Locale.ROOT,
            "%-15s%s kWh (IT × PUE %.2f of %s)",
            prefix + "facility",
            sig(e.facilityKwh()),
            e.pue(),
            e.region()),
        String.format(
            Locale.ROOT,
            "%-15s%.0f gCO2e/kWh in %s, %s (%s)",
            prefix + "intensity",
            i.gramsPerKwh(),
            e.zone(),
            kind,
            i.source()),
        String.format(Locale.ROOT, "%-15s%s kgCO2e", prefix + "emissions", kg(e.kgCo2e())));
  }

  /** Joules in the most readable unit, with the kWh beside it. */
  public static String energy(double joules) {
    String main;
    if (joules >= 3_600_000) {
      main = sig(joules / 3_600_000) + " kWh";
    } else if (joules >= 3600) {
      main = sig(joules / 3600) + " Wh";
    } else {
      main = sig(joules) + " J";
    }
    return joules >= 3_600_000 ? main : main + " (" + sig(joules / 3_600_000) + " kWh)";
  }

  public static String kg(double kg) {
    return Double.isFinite(kg) ? sig(kg) : "unknown";
  }

  /** Three significant digits; scientific notation only for very small or large values. */
  static String sig(double v) {
    if (v == 0) {
      return "0";
    }
    double abs = Math.abs(v);
    if (abs >= 1e-3 && abs < 1e6) {
      String s = String.format(Locale.ROOT, "%.3g", v);
      return s.contains("e") ? String.format(Locale.ROOT, "%.3f", v) : s;
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
