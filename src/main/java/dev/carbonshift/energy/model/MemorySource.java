package dev.carbonshift.energy.model;

import java.util.OptionalDouble;

/** Memory in use by whatever is being measured, in GB, for the RAM power model. */
public interface MemorySource {

  /** Gigabytes in use now. */
  double gigabytes();

  String description();

  /** This JVM's resident set. */
  static MemorySource self() {
    ProcFs proc = ProcFs.system();
    return new MemorySource() {
      @Override
      public double gigabytes() {
        OptionalDouble rss =
            proc.stat("self")
                .map(s -> OptionalDouble.of(s.residentBytes() / 1024.0 / 1024.0 / 1024.0))
                .orElse(OptionalDouble.empty());
        if (rss.isPresent()) {
          return rss.getAsDouble();
        }
        return Runtime.getRuntime().totalMemory() / 1024.0 / 1024.0 / 1024.0;
      }

      @Override
      public String description() {
        return "resident memory of this JVM (VmRSS)";
      }
    };
  }

  /** The whole machine: {@code MemTotal - MemAvailable}. */
  static MemorySource machine() {
    return machine(ProcFs.system());
  }

  static MemorySource machine(ProcFs proc) {
    return new MemorySource() {
      @Override
      public double gigabytes() {
        return proc.machineUsedGigabytes().orElse(0);
      }

      @Override
      public String description() {
        return "memory in use on the machine (MemTotal - MemAvailable)";
      }
    };
  }

  /** Total installed memory of this machine in GB, or 0 when unknown. */
  static double machineTotalGigabytes() {
    return ProcFs.system().machineTotalGigabytes().orElse(0);
  }
}
