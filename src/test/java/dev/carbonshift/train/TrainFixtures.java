package dev.carbonshift.train;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.ModelledMeter;
import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.JobKind;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.NetworkSpec;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.job.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Jobs over the small real slices in {@code test-fixtures/train}. */
final class TrainFixtures {
  static final Path DIR = Path.of("test-fixtures", "train").toAbsolutePath();
  static final String ES = "es-2022-01.csv.gz";
  static final String ES_LABEL = "Carbon Intensity gCO₂eq/kWh (direct)";

  private TrainFixtures() {}

  static DatasetSpec es(String from, String to) {
    return new DatasetSpec(
        ES,
        List.of(),
        ES_LABEL,
        "Datetime (UTC)",
        from,
        to,
        24,
        1,
        1.0,
        null,
        null,
        List.of(),
        null);
  }

  static DatasetSpec weather(String city) {
    return weather(city, null, null);
  }

  static DatasetSpec weather(String city, String from, String to) {
    return new DatasetSpec(
        "weather-2012.csv",
        List.of("precipitation", "temp_max", "temp_min", "wind"),
        "temp_max",
        "date",
        from,
        to,
        3,
        1,
        1.0,
        "location=" + city,
        null,
        List.of(),
        null);
  }

  static NetworkSpec mlp(int epochs, double lr, int patience) {
    return new NetworkSpec(
        "mlp", List.of(16, 16), "relu", 0, "adam", lr, epochs, 32, patience, 42, 0, null);
  }

  static JobSpec job(
      String name,
      String model,
      Strategy strategy,
      String baseModel,
      DatasetSpec data,
      NetworkSpec net,
      Target target) {
    return new JobSpec(
        name,
        "test",
        JobKind.defaultingTo(strategy),
        strategy,
        model,
        baseModel,
        null,
        data,
        net,
        null,
        null,
        null,
        List.of("*"),
        "es",
        false,
        null,
        0,
        null,
        target,
        0);
  }

  /** A clock that moves one second each time it is read, so energy grows without sleeping. */
  static Clock ticking() {
    return new Clock() {
      private Instant now = Instant.parse("2026-01-01T00:00:00Z");

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public synchronized Instant instant() {
        now = now.plus(Duration.ofSeconds(1));
        return now;
      }
    };
  }

  static EnergyMeter meter(Clock clock) {
    return ModelledMeter.constantPower(clock, Component.CPU, 100);
  }

  static TrainingOutcome.Completed completed(TrainingOutcome outcome) {
    if (outcome instanceof TrainingOutcome.Completed c) {
      return c;
    }
    throw new AssertionError("expected a completed run, got " + outcome);
  }
}
