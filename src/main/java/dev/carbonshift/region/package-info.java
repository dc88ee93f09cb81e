/** Regions: their zone, PUE, capacity, allowed carbon sources and trace, read from region files. */
package dev.carbonshift.region;
