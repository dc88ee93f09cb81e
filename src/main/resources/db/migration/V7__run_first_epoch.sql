-- runs.first_epoch is the first epoch a run completed, counted over the whole job like
-- epochs_done: a run resumed from a checkpoint starts past 1, so the epochs trained again after a
-- crash are the interrupted run's epochs_done minus (the next run's first_epoch - 1).
ALTER TABLE runs ADD COLUMN first_epoch INT;
