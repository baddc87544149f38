-- Waymark schema, migration 5: import files checked on the web and waiting
-- for the person who uploaded them to confirm.

-- A file whose dry run found no errors, kept so that the confirmation
-- imports exactly the bytes that were checked (never a second upload). The
-- row is deleted in the same transaction as the import it confirms, so a
-- confirmation cannot be used twice; rows older than an hour are deleted
-- unused. Only a hash of the confirmation token is kept.
CREATE TABLE import_stage (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('students', 'register')),
	file_name TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	data BLOB NOT NULL,
	start_year INTEGER,              -- students: the academic year
	as_of TEXT,                      -- students: the date of the export
	partial INTEGER NOT NULL DEFAULT 0 CHECK (partial IN (0, 1)),
	event_id INTEGER,                -- register: the one event, or NULL
	summary TEXT NOT NULL,           -- what the dry run found; the import must find the same
	created_at INTEGER NOT NULL      -- Unix seconds
) STRICT;
