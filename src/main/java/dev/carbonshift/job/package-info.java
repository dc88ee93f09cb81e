/**
 * Job descriptors (train, retrain, fine-tune): parsing with file:line:field errors, the validated
 * JobSpec and the job state machine.
 */
package dev.carbonshift.job;
