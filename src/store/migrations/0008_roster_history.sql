-- Waymark schema, migration 8: what a roster import changed, so that it
-- can be undone within its academic year.

-- Set on the roster imports that kept their history (those from this
-- version on); an import made before cannot be undone.
ALTER TABLE import_record ADD COLUMN undoable INTEGER NOT NULL DEFAULT 0
	CHECK (undoable IN (0, 1));
-- When the import was undone, or NULL.
ALTER TABLE import_record ADD COLUMN undone_at TEXT;

-- Each pupil a roster import changed, as they were just before it: the
-- pupil's fields and their enrolment of the year the import wrote. A pupil
-- the import created has created = 1 and nothing else. student_id has no
-- foreign key: undoing an import deletes the pupils it created.
CREATE TABLE roster_history (
	import_id INTEGER NOT NULL REFERENCES import_record(id) ON DELETE CASCADE,
	student_id INTEGER NOT NULL,
	created INTEGER NOT NULL CHECK (created IN (0, 1)),
	upn TEXT,
	former_upn TEXT,
	admission_number TEXT,
	uln TEXT,
	legal_surname TEXT,
	legal_forename TEXT,
	preferred_surname TEXT,
	preferred_forename TEXT,
	date_of_birth TEXT,
	gender TEXT,
	updated_at TEXT,
	start_year INTEGER NOT NULL,
	had_enrolment INTEGER NOT NULL CHECK (had_enrolment IN (0, 1)),
	year_group INTEGER,
	tutor_group TEXT,
	house TEXT,
	sen TEXT,
	pupil_premium INTEGER,
	fsm INTEGER,
	fsm6 INTEGER,
	eal INTEGER,
	looked_after INTEGER,
	on_roll_from TEXT,
	on_roll_to TEXT,
	PRIMARY KEY (import_id, student_id)
) STRICT, WITHOUT ROWID;
