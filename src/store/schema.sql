-- schema version 9
CREATE TRIGGER event_id_kept AFTER DELETE ON event BEGIN
	INSERT INTO id_high_water (entity, last_id) VALUES ('event', OLD.id)
	ON CONFLICT (entity) DO UPDATE SET last_id = max(last_id, excluded.last_id);
END;
CREATE TABLE academic_year (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL CHECK (start_year BETWEEN 1900 AND 2998),
	first_week TEXT NOT NULL DEFAULT 'A' CHECK (first_week IN ('A', 'B')),
	UNIQUE (school_id, start_year)
) STRICT;
CREATE TABLE activity (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	slug TEXT NOT NULL,
	name TEXT NOT NULL,
	description TEXT,
	position INTEGER NOT NULL,
	year_groups INTEGER NOT NULL CHECK (year_groups > 0),
	strand TEXT NOT NULL CHECK (strand IN ('challenge', 'aspire', 'network')),
	cohort TEXT NOT NULL CHECK (cohort IN ('all', 'selected', 'invited')),
	sessions INTEGER NOT NULL CHECK (sessions BETWEEN 1 AND 100),
	benchmarks INTEGER NOT NULL,
	kind TEXT NOT NULL,
	encounters INTEGER NOT NULL DEFAULT 0,
	provider_access INTEGER NOT NULL CHECK (provider_access IN (0, 1)),
	hours REAL,
	timing_terms INTEGER NOT NULL DEFAULT 0,
	timing_months INTEGER NOT NULL DEFAULT 0,
	timing_part TEXT NOT NULL DEFAULT 'any',
	timing_weekday INTEGER NOT NULL DEFAULT 0 CHECK (timing_weekday BETWEEN 0 AND 7),
	timing_week TEXT CHECK (timing_week IN ('A', 'B')),
	timing_occurrence TEXT NOT NULL DEFAULT 'any',
	timing_recurs TEXT NOT NULL DEFAULT 'once',
	timing_consecutive INTEGER NOT NULL DEFAULT 0 CHECK (timing_consecutive IN (0, 1)),
	timing_slot TEXT NOT NULL DEFAULT 'any',
	timing_before TEXT,
	timing_after TEXT,
	timing_before_week_leading_up_to TEXT,
	timing_before_activity TEXT,
	timing_note TEXT,
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)), visit INTEGER NOT NULL DEFAULT 0 CHECK (visit IN (0, 1)),
	UNIQUE (school_id, slug)
) STRICT;
CREATE TABLE activity_subject (
	activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	subject TEXT NOT NULL,
	PRIMARY KEY (activity_id, position)
) STRICT, WITHOUT ROWID;
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	school_id INTEGER REFERENCES school(id) ON DELETE SET NULL,
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	entity TEXT NOT NULL,
	entity_key TEXT,
	detail TEXT
) STRICT;
CREATE TABLE benchmark_item (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	item TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('met', 'in-progress', 'not-met')),
	evidence TEXT,
	review_date TEXT,
	updated_at TEXT NOT NULL,
	updated_by TEXT NOT NULL,
	PRIMARY KEY (school_id, item)
) STRICT, WITHOUT ROWID;
CREATE TABLE benchmark_snapshot (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	label TEXT NOT NULL,
	as_of TEXT NOT NULL,
	mode TEXT NOT NULL CHECK (mode IN ('strict', 'banded')),
	taken_at TEXT NOT NULL
) STRICT;
CREATE TABLE benchmark_snapshot_value (
	snapshot_id INTEGER NOT NULL REFERENCES benchmark_snapshot(id) ON DELETE CASCADE,
	benchmark INTEGER NOT NULL CHECK (benchmark BETWEEN 1 AND 8),
	achieved INTEGER NOT NULL,
	scored INTEGER NOT NULL,
	PRIMARY KEY (snapshot_id, benchmark)
) STRICT, WITHOUT ROWID;
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
CREATE TABLE event (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE RESTRICT,
	date TEXT NOT NULL,
	year_group INTEGER CHECK (year_group IS NULL OR year_group BETWEEN 7 AND 13),
	title TEXT,
	created_at TEXT NOT NULL
, subject TEXT, start_time TEXT
	CHECK (start_time IS NULL OR (length(start_time) = 5 AND start_time GLOB '[0-2][0-9]:[0-5][0-9]')), cancelled_at INTEGER, cancel_reason TEXT, series_id INTEGER REFERENCES event_series(id) ON DELETE SET NULL) STRICT;
CREATE TABLE event_organisation (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	organisation_id INTEGER NOT NULL REFERENCES organisation(id) ON DELETE RESTRICT,
	PRIMARY KEY (event_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE event_series (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	rule TEXT NOT NULL,              -- the repeat in words, as it was chosen
	created_at INTEGER NOT NULL      -- Unix seconds
) STRICT;
CREATE TABLE guidance_meeting (
	id INTEGER PRIMARY KEY,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	adviser TEXT NOT NULL,
	external INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
	level INTEGER NOT NULL DEFAULT 6 CHECK (level BETWEEN 1 AND 8),
	follow_up INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
	created_at TEXT NOT NULL
, notes TEXT, adviser_user_id INTEGER
	REFERENCES user(id) ON DELETE SET NULL, agreed_actions TEXT, next_meeting TEXT, adviser_organisation TEXT) STRICT;
CREATE TABLE holiday (
	id INTEGER PRIMARY KEY,
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	label TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL CHECK (end_date >= start_date)
) STRICT;
CREATE TABLE id_high_water (
	entity TEXT PRIMARY KEY,
	last_id INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
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
, undoable INTEGER NOT NULL DEFAULT 0
	CHECK (undoable IN (0, 1)), undone_at TEXT) STRICT;
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
CREATE TABLE login_attempt (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL,
	address TEXT NOT NULL,
	at INTEGER NOT NULL,             -- Unix seconds
	success INTEGER NOT NULL CHECK (success IN (0, 1))
, kind TEXT NOT NULL DEFAULT 'password'
	CHECK (kind IN ('password', 'code'))) STRICT;
CREATE TABLE mark (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'excused')),
	PRIMARY KEY (event_id, student_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE named_date (
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	date TEXT NOT NULL,
	PRIMARY KEY (academic_year_id, name)
) STRICT, WITHOUT ROWID;
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
CREATE TABLE programme (
	school_id INTEGER PRIMARY KEY REFERENCES school(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	source TEXT,
	format_version INTEGER NOT NULL,
	file_sha256 TEXT,
	loaded_at TEXT NOT NULL
) STRICT;
CREATE TABLE programme_aim (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	year_group INTEGER NOT NULL CHECK (year_group BETWEEN 7 AND 13),
	strand TEXT NOT NULL CHECK (strand IN ('challenge', 'aspire', 'network')),
	aim TEXT NOT NULL,
	PRIMARY KEY (school_id, year_group, strand)
) STRICT, WITHOUT ROWID;
CREATE TABLE programme_band (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	year_group INTEGER NOT NULL CHECK (year_group BETWEEN 7 AND 13),
	floor_percent REAL NOT NULL CHECK (floor_percent BETWEEN 0 AND 100),
	ceiling_percent REAL NOT NULL CHECK (ceiling_percent BETWEEN 0 AND 100),
	PRIMARY KEY (school_id, year_group)
) STRICT, WITHOUT ROWID;
CREATE TABLE programme_date_name (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	position INTEGER NOT NULL,
	description TEXT NOT NULL,
	PRIMARY KEY (school_id, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE programme_subject (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	subject TEXT NOT NULL,
	PRIMARY KEY (school_id, position)
) STRICT, WITHOUT ROWID;
CREATE TABLE review_snapshot (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL,
	period TEXT NOT NULL,
	as_of TEXT NOT NULL,
	taken_at TEXT NOT NULL
) STRICT;
CREATE TABLE review_snapshot_row (
	snapshot_id INTEGER NOT NULL REFERENCES review_snapshot(id) ON DELETE CASCADE,
	year_group INTEGER NOT NULL,
	activity TEXT NOT NULL,
	eligible INTEGER NOT NULL,
	received INTEGER NOT NULL,
	PRIMARY KEY (snapshot_id, year_group, activity)
) STRICT, WITHOUT ROWID;
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
CREATE TABLE school (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	urn TEXT,
	leader_name TEXT,
	leader_email TEXT,
	leader_phone TEXT,
	created_at TEXT NOT NULL
) STRICT;
CREATE TABLE school_setting (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (school_id, name)
) STRICT, WITHOUT ROWID;
CREATE TABLE school_week (
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	week_start TEXT NOT NULL,
	week TEXT NOT NULL CHECK (week IN ('A', 'B')),
	edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
	PRIMARY KEY (academic_year_id, week_start)
) STRICT, WITHOUT ROWID;
CREATE TABLE selection (
	activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	PRIMARY KEY (activity_id, start_year, student_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at INTEGER NOT NULL,     -- Unix seconds
	last_seen_at INTEGER NOT NULL,
	second_factor_done INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_done IN (0, 1))
) STRICT, WITHOUT ROWID;
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
CREATE TABLE student_intention (
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL,
	considering_he INTEGER NOT NULL CHECK (considering_he IN (0, 1)),
	PRIMARY KEY (student_id, start_year)
) STRICT, WITHOUT ROWID;
CREATE TABLE submission (
	key TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,             -- Unix seconds
	outcome TEXT NOT NULL            -- the page the first submission led to
) STRICT, WITHOUT ROWID;
CREATE TABLE term (
	id INTEGER PRIMARY KEY,
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	ordinal INTEGER NOT NULL CHECK (ordinal BETWEEN 1 AND 6),
	label TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL CHECK (end_date >= start_date),
	UNIQUE (academic_year_id, ordinal)
) STRICT;
CREATE TABLE user (
	id INTEGER PRIMARY KEY,
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	login TEXT NOT NULL COLLATE NOCASE,
	display_name TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'adviser', 'tutor', 'governor')),
	scope TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	must_change_password INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
	totp_secret TEXT,
	totp_enabled INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
	created_at TEXT NOT NULL,
	last_login_at TEXT, totp_last_step INTEGER NOT NULL DEFAULT 0,
	UNIQUE (login)
) STRICT;
CREATE INDEX audit_by_time ON audit (at);
CREATE INDEX enrolment_by_year ON enrolment (start_year, year_group);
CREATE INDEX event_by_activity ON event (activity_id, date);
CREATE INDEX event_by_date ON event (school_id, date);
CREATE INDEX event_by_series ON event (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX guidance_by_student ON guidance_meeting (student_id, date);
CREATE INDEX login_attempt_by_address ON login_attempt (address, at);
CREATE INDEX login_attempt_by_login ON login_attempt (login, at);
CREATE INDEX login_attempt_by_time ON login_attempt (at);
CREATE INDEX mark_by_student ON mark (student_id);
CREATE INDEX session_by_user ON session (user_id);
CREATE INDEX student_by_admission_number ON student (school_id, admission_number)
	WHERE admission_number IS NOT NULL;
CREATE INDEX student_by_former_upn ON student (school_id, former_upn) WHERE former_upn IS NOT NULL;
CREATE UNIQUE INDEX student_by_upn ON student (school_id, upn) WHERE upn IS NOT NULL;
CREATE INDEX submission_by_time ON submission (at);
