/** NVIDIA GPU power and energy through NVML, called with JNA. */
package dev.carbonshift.energy.nvml;
