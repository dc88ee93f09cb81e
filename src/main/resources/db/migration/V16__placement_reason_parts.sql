-- A placement's reason in typed parts, each in its own column, so that tools and tests read what
-- kind of choice it was, what capacity took from it, what stood in for a missing forecast and
-- which method found it without parsing words. From V16 on, `reason` holds only the summary in
-- words (plan.Reason renders the whole text from all the parts). Rows stored before keep `outcome`
-- NULL: their `reason` is the whole text as it was shown then, and is read as such.
-- The same SQL runs on H2 and PostgreSQL.
ALTER TABLE placements ADD COLUMN outcome VARCHAR(32);
ALTER TABLE placements ADD COLUMN method VARCHAR(400);
ALTER TABLE placements ADD COLUMN cleanest_taken_region VARCHAR(64);
ALTER TABLE placements ADD COLUMN cleanest_taken_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE placements ADD COLUMN intensity_fallback VARCHAR(4000);
-- a JSON array of strings
ALTER TABLE placements ADD COLUMN reason_notes VARCHAR(4000);
