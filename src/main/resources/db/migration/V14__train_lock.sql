-- The lock that foreground trains (the train verb) take while they claim a job, so that two
-- processes training the same descriptor at once cannot both claim it. Seeded, as 'plan' is.
INSERT INTO cluster_locks (name) VALUES ('train');
