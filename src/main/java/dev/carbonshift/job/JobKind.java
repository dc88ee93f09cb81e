package dev.carbonshift.job;

/** What a job does to a model. */
public enum JobKind {
  TRAIN,
  RETRAIN,
  FINETUNE
}
