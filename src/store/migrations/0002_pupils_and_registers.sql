-- Waymark schema, migration 2: pupils and their yearly enrolments, events,
-- registers (marks), selected cohorts, organisations, and the import log.

-- A pupil, as long as the school holds their record. Identifiers are text:
-- admission numbers keep their leading zeros.
CREATE TABLE student (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	upn TEXT CHECK (upn IS NULL OR length(upn) = 13),
	former_upn TEXT,
	admission_number TEXT,
	uln TEXT CHECK (uln IS NULL OR length(uln) = 10),
	legal_surname TEXT NOT NULL,
	legal_forename TEXT NOT NULL,
	preferred_surname TEXT,
	preferred_forename TEXT,
	date_of_birth TEXT,
	gender TEXT CHECK (gender IS NULL OR gender IN ('M', 'F', 'U')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX student_by_upn ON student (school_id, upn) WHERE upn IS NOT NULL;
CREATE INDEX student_by_former_upn ON student (school_id, former_upn) WHERE former_upn IS NOT NULL;
CREATE INDEX student_by_admission_number ON student (school_id, admission_number)
	WHERE admission_number IS NOT NULL;

-- Where a pupil was in one academic year. Registers report the year group
-- and flags as they were that year. on_roll_to is NULL while on roll.
CREATE TABLE enrolment (
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL CHECK (start_year BETWEEN 1900 AND 2998),
	year_group INTEGER NOT NULL CHECK (year_group BETWEEN 7 AND 13),
	tutor_group TEXT,
	house TEXT,
	sen TEXT NOT NULL DEFAULT 'N' CHECK (sen IN ('N', 'K', 'E')),
	pupil_premium INTEGER NOT NULL DEFAULT 0 CHECK (pupil_premium IN (0, 1)),
	fsm INTEGER NOT NULL DEFAULT 0 CHECK (fsm IN (0, 1)),
	fsm6 INTEGER NOT NULL DEFAULT 0 CHECK (fsm6 IN (0, 1)),
	eal INTEGER NOT NULL DEFAULT 0 CHECK (eal IN (0, 1)),
	looked_after INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
	on_roll_from TEXT NOT NULL,
	on_roll_to TEXT CHECK (on_roll_to IS NULL OR on_roll_to >= on_roll_from),
	PRIMARY KEY (student_id, start_year)
) STRICT, WITHOUT ROWID;

CREATE INDEX enrolment_by_year ON enrolment (start_year, year_group);

-- Employers, colleges, universities and training providers.
CREATE TABLE organisation (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('employer', 'sixth-form', 'college', 'university',
		'training-provider', 'other')),
	sector TEXT,
	size TEXT CHECK (size IS NULL OR size IN ('micro', 'small', 'medium', 'large')),
	created_at TEXT NOT NULL,
	UNIQUE (school_id, name)
) STRICT;

-- A dated occurrence of an activity. year_group NULL: every year group of
-- the activity takes part (the careers fair).
CREATE TABLE event (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE RESTRICT,
	date TEXT NOT NULL,
	year_group INTEGER CHECK (year_group IS NULL OR year_group BETWEEN 7 AND 13),
	title TEXT,
	created_at TEXT NOT NULL
) STRICT;

CREATE INDEX event_by_date ON event (school_id, date);
CREATE INDEX event_by_activity ON event (activity_id, date);

CREATE TABLE event_organisation (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
	PRIMARY KEY (event_id, organisation_id)
) STRICT, WITHOUT ROWID;

-- One pupil's attendance at one event.
CREATE TABLE mark (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
	PRIMARY KEY (event_id, student_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX mark_by_student ON mark (student_id);

-- The pupils chosen for a `selected` activity in an academic year.
CREATE TABLE selection (
	activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, start_year, student_id)
) STRICT, WITHOUT ROWID;

-- Every import: what file, what it did, who ran it.
CREATE TABLE import_record (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('students', 'register')),
	file_name TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	start_year INTEGER,
	rows INTEGER NOT NULL,
	added INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	left_roll INTEGER NOT NULL DEFAULT 0,
	unchanged INTEGER NOT NULL DEFAULT 0,
	at TEXT NOT NULL,
	actor TEXT NOT NULL
) STRICT;
