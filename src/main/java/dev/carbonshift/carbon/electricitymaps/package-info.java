/** The Electricity Maps API as a carbon source. */
package dev.carbonshift.carbon.electricitymaps;
