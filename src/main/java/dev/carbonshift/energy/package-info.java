/**
 * Energy measurement: meters (NVML, RAPL, or a stated model), sampling sessions and their readings,
 * turned into per-component kWh. Knows nothing of the store, the carbon sources or the daemon.
 */
package dev.carbonshift.energy;
