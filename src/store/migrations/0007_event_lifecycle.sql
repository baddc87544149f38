-- Waymark schema, migration 7: events that can be changed after they are
-- scheduled. An event may have a start time; a cancelled event is kept
-- (shown struck through, with why) but no longer counts in any figure.
ALTER TABLE event ADD COLUMN start_time TEXT
	CHECK (start_time IS NULL OR (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]'));
ALTER TABLE event ADD COLUMN cancelled_at INTEGER;   -- Unix seconds; NULL: going ahead
ALTER TABLE event ADD COLUMN cancel_reason TEXT;
