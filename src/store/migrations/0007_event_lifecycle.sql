-- Waymark schema, migration 7: events that can be changed after they are
-- scheduled. An event may have a start time; a cancelled event is kept
-- (shown struck through, with why) but no longer counts in any figure.
ALTER TABLE event ADD COLUMN start_time TEXT
	CHECK (start_time IS NULL OR (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]'));
ALTER TABLE event ADD COLUMN cancelled_at INTEGER;   -- Unix seconds; NULL: going ahead
ALTER TABLE event ADD COLUMN cancel_reason TEXT;

-- A repeating event ("every Friday in week A of Term 2") is a series of
-- events made together, which can then be changed, cancelled or deleted
-- as a whole. Each event is still an event of its own.
CREATE TABLE event_series (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	rule TEXT NOT NULL,              -- the repeat in words, as it was chosen
	created_at INTEGER NOT NULL      -- Unix seconds
) STRICT;
ALTER TABLE event ADD COLUMN series_id INTEGER REFERENCES event_series(id) ON DELETE SET NULL;
CREATE INDEX event_by_series ON event (series_id) WHERE series_id IS NOT NULL;

-- An id is never used twice: once an event is deleted its id stays taken,
-- so that the audit log and old links never name a different event.
-- event_store_add numbers a new event past both.
CREATE TABLE id_high_water (
	entity TEXT PRIMARY KEY,
	last_id INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TRIGGER event_id_kept AFTER DELETE ON event BEGIN
	INSERT INTO id_high_water (entity, last_id) VALUES ('event', OLD.id)
	ON CONFLICT (entity) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
