/**
 * The loop's detectors, free of the rest of Carbonshift: Page-Hinkley on an error stream, and the
 * distances between distributions used for drift (PSI, Kolmogorov–Smirnov, Kullback–Leibler).
 */
package dev.carbonshift.adapt.detect;
