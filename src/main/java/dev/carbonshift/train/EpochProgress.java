package dev.carbonshift.train;

/**
 * Where a run stands after an epoch.
 *
 * @param phase 0 for training, 1 for the fine-tuning phase of a transfer
 * @param epoch epochs done in this phase, 1-based
 * @param trainLoss mean loss over the epoch's mini-batches (on scaled labels)
 * @param validationMetric the target metric on the validation split, in the label's units
 * @param kwhSoFar IT energy of the run so far
 */
public record EpochProgress(
    int phase,
    int epoch,
    int maxEpochs,
    double trainLoss,
    String metric,
    double validationMetric,
    double kwhSoFar) {}
