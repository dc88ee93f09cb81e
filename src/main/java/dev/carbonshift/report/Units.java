package dev.carbonshift.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Figures for people: energy in kWh, Wh or mWh and mass in kg, g or mg, whichever makes the figure
 * read as a plain number (three significant digits, no exponent, thousands grouped).
 */
public final class Units {
  private Units() {}

  public static String energy(double kwh) {
    double a = Math.abs(kwh);
    if (a >= 1 || a == 0) {
      return number(kwh) + " kWh";
    }
    if (a >= 1e-3) {
      return number(kwh * 1e3) + " Wh";
    }
    return number(kwh * 1e6) + " mWh";
  }

  public static String mass(double kg) {
    double a = Math.abs(kg);
    if (a >= 1 || a == 0) {
      return number(kg) + " kg";
    }
    if (a >= 1e-3) {
      return number(kg * 1e3) + " g";
    }
    return number(kg * 1e6) + " mg";
  }

  /** The unit {@link #mass} would pick for {@code kg}, and the factor from kg to it. */
  public record Scale(String unit, double perKg) {}

  public static Scale massScale(double maxKg) {
    double a = Math.abs(maxKg);
    if (a >= 1 || a == 0) {
      return new Scale("kg", 1);
    }
    return a >= 1e-3 ? new Scale("g", 1e3) : new Scale("mg", 1e6);
  }

  public static String hours(double h) {
    return number(h) + " h";
  }

  public static String percent(Double pct) {
    return pct == null ? "n/a" : number(pct) + "%";
  }

  /** Three significant digits; integers from 1,000 up, grouped; never an exponent. */
  public static String number(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (v == 0) {
      return "0";
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
