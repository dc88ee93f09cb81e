/**
 * A run's accounting, its own step after measurement: the measured energy × PUE × the intensity it
 * actually saw (and would have seen at home), with the basis of every figure. Uses the energy
 * package's readings and the carbon package's models, never a source or the store.
 */
package dev.carbonshift.account;
