-- schema version 1
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
	retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
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
CREATE TABLE holiday (
	id INTEGER PRIMARY KEY,
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	label TEXT NOT NULL,
	start_date TEXT NOT NULL,
	end_date TEXT NOT NULL CHECK (end_date >= start_date)
) STRICT;
CREATE TABLE named_date (
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	date TEXT NOT NULL,
	PRIMARY KEY (academic_year_id, name)
) STRICT, WITHOUT ROWID;
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
CREATE TABLE school_week (
	academic_year_id INTEGER NOT NULL REFERENCES academic_year(id) ON DELETE CASCADE,
	week_start TEXT NOT NULL,
	week TEXT NOT NULL CHECK (week IN ('A', 'B')),
	edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
	PRIMARY KEY (academic_year_id, week_start)
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
CREATE INDEX audit_by_time ON audit (at);
