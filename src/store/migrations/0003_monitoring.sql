-- Waymark schema, migration 3: what monitoring needs beyond registers.

-- Pupils go to the provider or workplace (a university visit), rather than
-- meeting them in school: Benchmark 7's "visits to universities".
ALTER TABLE activity ADD COLUMN visit INTEGER NOT NULL DEFAULT 0 CHECK (visit IN (0, 1));

-- The curriculum subjects of the Benchmark 4 matrix, in the programme's order.
CREATE TABLE programme_subject (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	subject TEXT NOT NULL,
	PRIMARY KEY (school_id, position)
) STRICT, WITHOUT ROWID;

-- The subject a session was taught in (careers links within the curriculum).
ALTER TABLE event ADD COLUMN subject TEXT;

-- A 1:1 personal guidance meeting (Benchmark 8). external: by the external
-- adviser rather than the careers leader. level: the adviser's qualification.
CREATE TABLE guidance_meeting (
	id INTEGER PRIMARY KEY,
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	date TEXT NOT NULL,
	adviser TEXT NOT NULL,
	external INTEGER NOT NULL DEFAULT 0 CHECK (external IN (0, 1)),
	level INTEGER NOT NULL DEFAULT 6 CHECK (level BETWEEN 1 AND 8),
	follow_up INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
	created_at TEXT NOT NULL
) STRICT;

CREATE INDEX guidance_by_student ON guidance_meeting (student_id, date);

-- What a pupil is considering, per academic year (Benchmark 7's "pupils
-- considering higher education").
CREATE TABLE student_intention (
	student_id INTEGER NOT NULL REFERENCES student(id) ON DELETE CASCADE,
	start_year INTEGER NOT NULL,
	considering_he INTEGER NOT NULL CHECK (considering_he IN (0, 1)),
	PRIMARY KEY (student_id, start_year)
) STRICT, WITHOUT ROWID;

-- The programme-level criteria (Benchmarks 1 and 3): a checklist with
-- evidence and a date to review it.
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

-- Benchmark percentages kept to compare with later ("September 2025").
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

-- Each two-termly entitlement review, to show what changed since the last.
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
