package dev.carbonshift.energy.model;

/** Busy CPU time of the whole machine, every process included, from {@code /proc/stat}. */
final class MachineCpuTime implements CpuTimeSource {
  private final ProcFs proc;

  MachineCpuTime(ProcFs proc) {
    this.proc = proc;
  }

  @Override
  public double cpuSeconds() {
    return proc.machineBusySeconds()
        .orElseThrow(() -> new IllegalStateException("cannot read " + proc.root + "/stat"));
  }

  @Override
  public String description() {
    return "busy CPU time of the whole machine, all processes (" + proc.root + "/stat)";
  }
}
