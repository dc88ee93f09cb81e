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
    return new MeterOptions(
        meter,
        s,
        powercapRoot,
        powercapReader,
        nvmlLibrary,
        env,
        hardwareDir,
        cpuinfo,
        ramWattsPerGb);
  }

  public MeterOptions withInterval(Duration interval) {
    return withMeter(meter.withInterval(interval));
  }

  public MeterOptions withMeter(CompositeMeter.Config m) {
    return new MeterOptions(
        m,
        scope,
        powercapRoot,
        powercapReader,
        nvmlLibrary,
        env,
        hardwareDir,
        cpuinfo,
        ramWattsPerGb);
  }

  public MeterOptions withNvmlLibrary(String library) {
    return new MeterOptions(
        meter,
        scope,
        powercapRoot,
        powercapReader,
        library,
        env,
        hardwareDir,
        cpuinfo,
        ramWattsPerGb);
  }

  public MeterOptions withPowercap(Path root, PowercapReader reader) {
    return new MeterOptions(
        meter, scope, root, reader, nvmlLibrary, env, hardwareDir, cpuinfo, ramWattsPerGb);
  }

  public MeterOptions withEnv(Map<String, String> environment) {
    return new MeterOptions(
        meter,
        scope,
        powercapRoot,
        powercapReader,
        nvmlLibrary,
        environment,
        hardwareDir,
        cpuinfo,
        ramWattsPerGb);
  }

  public MeterOptions withHardwareDir(Path dir) {
    return new MeterOptions(
        meter,
        scope,
        powercapRoot,
        powercapReader,
        nvmlLibrary,
        env,
        Optional.of(dir),
        cpuinfo,
        ramWattsPerGb);
  }
}
