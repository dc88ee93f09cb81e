/**
 * Training with Deeplearning4j: datasets and features, networks, incremental / transfer / scratch
 * training with checkpoints, held-out evaluation against naive baselines, the model registry, and
 * the training benches.
 */
package dev.carbonshift.train;
