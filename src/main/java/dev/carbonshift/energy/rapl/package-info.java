/** Intel RAPL energy counters read from powercap sysfs (package and DRAM, wrap-around handled). */
package dev.carbonshift.energy.rapl;
