package dev.carbonshift.energy.detect;

import dev.carbonshift.energy.CompositeMeter;
import dev.carbonshift.energy.model.ModelSensors;
import dev.carbonshift.energy.nvml.Nvml;
import dev.carbonshift.energy.rapl.PowercapReader;
import dev.carbonshift.energy.rapl.RaplSensors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to build the machine's meter.
 *
 * @param meter sampling interval, clock, failover threshold
 * @param scope whose CPU time and memory the model counts
 * @param powercapRoot RAPL's sysfs folder; {@code null} turns RAPL off
 * @param nvmlLibrary NVML library name or path; {@code null} turns NVML off
 * @param env environment of the measured work, for {@code CUDA_VISIBLE_DEVICES}
 * @param hardwareDir folder with the TDP tables; empty: {@code HardwareData.locate()}
 * @param cpuinfo usually {@code /proc/cpuinfo}
 * @param ramWattsPerGb memory power model
 */
public record MeterOptions(
    CompositeMeter.Config meter,
    Scope scope,
    Path powercapRoot,
    PowercapReader powercapReader,
    String nvmlLibrary,
    Map<String, String> env,
    Optional<Path> hardwareDir,
    Path cpuinfo,
    double ramWattsPerGb) {

  public MeterOptions {
    env = Map.copyOf(env);
    if (!(ramWattsPerGb >= 0)) {
      throw new IllegalArgumentException("RAM watts per GB must be >= 0: " + ramWattsPerGb);
    }
  }

  /**
   * The real machine: RAPL under {@code /sys/class/powercap}, NVML from {@code
   * -Dcarbonshift.nvml.library}, {@code CARBONSHIFT_NVML_LIBRARY} in {@code env} or the driver's
   * SONAME.
   *
   * @param env the environment as the composition root read it (this class reads none itself)
   */
  public static MeterOptions defaults(Scope scope, Map<String, String> env) {
    String lib = System.getProperty("carbonshift.nvml.library");
    if (lib == null || lib.isBlank()) {
      lib = env.getOrDefault("CARBONSHIFT_NVML_LIBRARY", Nvml.DEFAULT_LIBRARY);
    }
    return new MeterOptions(
        CompositeMeter.Config.defaults(),
        scope,
        RaplSensors.DEFAULT_ROOT,
        PowercapReader.FILES,
        lib,
        env,
        Optional.empty(),
        Path.of("/proc/cpuinfo"),
        ModelSensors.RAM_WATTS_PER_GB);
  }

  public MeterOptions withScope(Scope s) {
    return with(b -> b.scope = s);
  }

  public MeterOptions withInterval(Duration interval) {
    return withMeter(meter.withInterval(interval));
  }

  public MeterOptions withMeter(CompositeMeter.Config m) {
    return with(b -> b.meter = m);
  }

  public MeterOptions withNvmlLibrary(String library) {
    return with(b -> b.nvmlLibrary = library);
  }

  public MeterOptions withPowercap(Path root, PowercapReader reader) {
    return with(
        b -> {
          b.powercapRoot = root;
          b.powercapReader = reader;
        });
  }

  public MeterOptions withEnv(Map<String, String> environment) {
    return with(b -> b.env = environment);
  }

  public MeterOptions withHardwareDir(Path dir) {
    return with(b -> b.hardwareDir = Optional.of(dir));
  }

  /** A copy with some fields changed: the one place that lists every field. */
  private MeterOptions with(Consumer<Copy> change) {
    Copy c = new Copy();
    change.accept(c);
    return new MeterOptions(
        c.meter,
        c.scope,
        c.powercapRoot,
        c.powercapReader,
        c.nvmlLibrary,
        c.env,
        c.hardwareDir,
        c.cpuinfo,
        c.ramWattsPerGb);
  }

  /** This record's fields, to change before {@link #with} builds the copy. */
  private final class Copy {
    CompositeMeter.Config meter = MeterOptions.this.meter;
    Scope scope = MeterOptions.this.scope;
    Path powercapRoot = MeterOptions.this.powercapRoot;
    PowercapReader powercapReader = MeterOptions.this.powercapReader;
    String nvmlLibrary = MeterOptions.this.nvmlLibrary;
    Map<String, String> env = MeterOptions.this.env;
    Optional<Path> hardwareDir = MeterOptions.this.hardwareDir;
    Path cpuinfo = MeterOptions.this.cpuinfo;
    double ramWattsPerGb = MeterOptions.this.ramWattsPerGb;
  }
}
