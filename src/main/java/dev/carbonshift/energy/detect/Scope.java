package dev.carbonshift.energy.detect;

import dev.carbonshift.energy.model.CpuTimeSource;
import dev.carbonshift.energy.model.MemorySource;
import dev.carbonshift.energy.model.ProcessTreeScope;

/**
 * Whose CPU time and memory the model attributes to the measured work. Hardware counters (RAPL,
 * NVML) always measure whole devices, whatever the scope.
 */
public sealed interface Scope {

  CpuTimeSource cpu();

  MemorySource memory();

  /** {@code process}, {@code self} or {@code machine}, for reports and the CodeCarbon export. */
  String label();

  /** This JVM: training that runs in-process. */
  record Self() implements Scope {
    @Override
    public CpuTimeSource cpu() {
      return CpuTimeSource.self();
    }

    @Override
    public MemorySource memory() {
      return MemorySource.self();
    }

    @Override
    public String label() {
      return "self";
    }
  }

  /** A child process and its descendants, e.g. the command given to {@code measure}. */
  record ProcessTree(ProcessTreeScope tree) implements Scope {

    /** A process that is already running. */
    public static ProcessTree of(long pid) {
      return new ProcessTree(ProcessTreeScope.of(pid));
    }

    @Override
    public CpuTimeSource cpu() {
      return tree.cpu();
    }

    @Override
    public MemorySource memory() {
      return tree.memory();
    }

    @Override
    public String label() {
      return "process";
    }
  }

  /** Every process on the machine. */
  record Machine() implements Scope {
    @Override
    public CpuTimeSource cpu() {
      return CpuTimeSource.machine();
    }

    @Override
    public MemorySource memory() {
      return MemorySource.machine();
    }

    @Override
    public String label() {
      return "machine";
    }
  }
}
