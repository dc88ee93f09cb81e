package dev.carbonshift.account;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A run's energy and emissions, as stored and reported.
 *
 * @param lines IT energy per component and method
 * @param itKwh sum of the lines, before PUE
 * @param samplingInterval how often the meter sampled ({@link Duration#ZERO} if it did not)
 * @param emissions in the region where it ran; empty when no intensity covers the run
 * @param baseline the same IT energy at submission time in the home region, with the home PUE;
 *     empty when no home was given or no intensity covers it
 * @param notes fallbacks, failed reads, missing intensity
 */
public record RunAccount(
    Instant start,
    Instant end,
    List<ComponentEnergy> lines,
    double itKwh,
    Duration samplingInterval,
    Optional<Emissions> emissions,
    Optional<Emissions> baseline,
    List<String> notes) {

  public RunAccount {
    lines = List.copyOf(lines);
    notes = List.copyOf(notes);
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Kilograms avoided against the baseline; negative when the run emitted more. */
  public OptionalDouble avoidedKgCo2e() {
    if (emissions.isEmpty() || baseline.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(baseline.get().kgCo2e() - emissions.get().kgCo2e());
  }

  public double itKwh(Component c) {
    return lines.stream().filter(l -> l.component() == c).mapToDouble(ComponentEnergy::kwh).sum();
  }

  /**
   * E.g. {@code CPU counter, GPU counter, RAM modelled}; several methods of one component join with
   * +.
   */
  public String methodSummary() {
    StringBuilder b = new StringBuilder();
    for (Component c : Component.values()) {
      List<String> methods =
          lines.stream()
              .filter(l -> l.component() == c)
              .map(l -> l.method().label())
              .distinct()
              .toList();
      if (!methods.isEmpty()) {
        b.append(b.length() == 0 ? "" : ", ")
            .append(c)
            .append(' ')
            .append(String.join("+", methods));
      }
    }
    return b.toString();
  }
}
