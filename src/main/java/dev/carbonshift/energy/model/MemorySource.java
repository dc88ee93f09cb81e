package dev.carbonshift.energy.model;

import java.util.OptionalDouble;
import java.util.stream.Stream;

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
        OptionalDouble rss = proc.rssGigabytes("self");
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

  /** A process and its descendants: the sum of their resident sets. */
  static MemorySource processTree(long pid) {
    ProcFs proc = ProcFs.system();
    return new MemorySource() {
      @Override
      public double gigabytes() {
        return ProcessHandle.of(pid)
            .map(h -> Stream.concat(Stream.of(h), h.descendants()))
            .orElse(Stream.empty())
            .mapToDouble(h -> proc.rssGigabytes(Long.toString(h.pid())).orElse(0))
            .sum();
      }

      @Override
      public String description() {
        return "resident memory of process "
            + pid
            + " and its descendants (VmRSS summed; shared pages count once per process)";
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
