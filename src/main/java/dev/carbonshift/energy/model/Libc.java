package dev.carbonshift.energy.model;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Optional;

/** The two libc calls the model needs: precise CPU time of reaped children, and the clock tick. */
interface Libc extends Library {
  int RUSAGE_CHILDREN = -1;
  int SC_CLK_TCK = 2;
  int SC_PAGESIZE = 30;

  /** {@code struct rusage} on 64-bit Linux: two timevals then 14 longs, 18 longs in all. */
  int getrusage(int who, long[] usage);

  long sysconf(int name);

  /** libc on 64-bit Linux, where the struct layout above holds; empty elsewhere. */
  static Optional<Libc> load() {
    if (!Platform.isLinux() || !Platform.is64Bit()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Native.load("c", Libc.class));
    } catch (UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }
}
