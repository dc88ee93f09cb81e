package dev.carbonshift.cli;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.detect.MeterOptions;
import dev.carbonshift.energy.detect.Meters;
import dev.carbonshift.energy.detect.Scope;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the CLI's commands build their energy meters, with the bundled TDP tables. */
final class MeterSetup {
  private MeterSetup() {}

  /** The options with the TDP tables shipped in {@code data/hardware}, when they are there. */
  static MeterOptions withBundledTables(MeterOptions o, Context ctx) {
    Path hardware = ctx.defaultDir("data").resolve("hardware");
    return Files.isRegularFile(hardware.resolve("TDP_cpu.csv")) ? o.withHardwareDir(hardware) : o;
  }

  /** The best meter for work done inside this JVM (training): sensors, else the stated model. */
  static EnergyMeter forThisJvm(Context ctx) {
    return Meters.detect(
        withBundledTables(MeterOptions.defaults(new Scope.Self(), ctx.env()), ctx));
  }
}
