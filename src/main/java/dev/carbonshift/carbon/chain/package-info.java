/**
 * Each region's chain of carbon sources with fallbacks, built from the registered SourceFactory
 * list: the first that answers wins and the others' reasons are kept.
 */
package dev.carbonshift.carbon.chain;
