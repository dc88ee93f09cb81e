/**
 * The modelled meter: power from the bundled hardware tables (CPU TDP, GPU board power) ×
 * utilisation or CPU time, stated as a model wherever it is used.
 */
package dev.carbonshift.energy.model;
