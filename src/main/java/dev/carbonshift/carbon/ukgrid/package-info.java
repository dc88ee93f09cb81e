/** The UK Carbon Intensity (NESO) API as a carbon source. */
package dev.carbonshift.carbon.ukgrid;
