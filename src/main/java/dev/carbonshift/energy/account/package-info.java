/**
 * Accounting: a run's measured energy × PUE × the intensity it actually saw (and would have seen at
 * home), with the basis of every figure.
 */
package dev.carbonshift.energy.account;
