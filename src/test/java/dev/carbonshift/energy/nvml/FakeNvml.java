package dev.carbonshift.energy.nvml;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The scripted NVML of {@code src/test/c/fake_nvml.c}, compiled with gcc once per test JVM and
 * loaded through the same {@link NvmlLibrary} binding as the real driver. Needs {@code gcc} on the
 * PATH (CI: {@code apt-get install gcc}).
 */
public final class FakeNvml {

  /** The scripting functions the fake exports; used only by tests. */
  public interface Control extends Library {
    void fake_nvml_reset();

    void fake_nvml_set_init_result(int rc);

    void fake_nvml_set_count_result(int rc);

    int fake_nvml_init_refs();

    long fake_nvml_calls();

    int fake_nvml_add_device(String name, String uuid, int arch);

    void fake_nvml_set_arch_result(int device, int rc);

    void fake_nvml_set_handle_result(int device, int rc);

    void fake_nvml_set_energy(int device, long millijoules, int rc);

    void fake_nvml_set_energy_step(int device, long millijoules);

    void fake_nvml_set_power(int device, int milliwatts, int rc);

    void fake_nvml_set_power_limit(int device, int milliwatts, int rc);

    void fake_nvml_set_utilization(int device, int gpu, int memory, int rc);
  }

  private static Path library;
  private static Control control;

  private FakeNvml() {}

  /** Path of the compiled fake, for {@code Nvml.open} and the meter's NVML library option. */
  public static synchronized String path() {
    if (library == null) {
      library = compile();
    }
    return library.toString();
  }

  /** The fake, reset to no devices and a working init. */
  public static synchronized Control reset() {
    if (control == null) {
      control = Native.load(path(), Control.class);
    }
    control.fake_nvml_reset();
    return control;
  }

  private static Path compile() {
    Path source = Path.of("src/test/c/fake_nvml.c").toAbsolutePath();
    if (!Files.isRegularFile(source)) {
      fail("fake NVML source not found at " + source + " (run the tests from the project root)");
    }
    try {
      Path dir = Files.createTempDirectory("carbonshift-fake-nvml");
      Path out = dir.resolve("libfakenvml.so");
      Process gcc =
          new ProcessBuilder(
                  "gcc", "-shared", "-fPIC", "-O1", "-o", out.toString(), source.toString())
              .redirectErrorStream(true)
              .start();
      String log = new String(gcc.getInputStream().readAllBytes());
      if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
        fail("gcc could not build the fake NVML library:\n" + log);
      }
      out.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return out;
    } catch (IOException e) {
      return fail(
          "the NVML tests build a fake libnvidia-ml with gcc, which is not available here ("
              + e.getMessage()
              + "); install it, e.g. apt-get install gcc");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while building the fake NVML library");
    }
  }
}
