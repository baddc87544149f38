-- Waymark schema, migration 4: staff accounts, sessions, sign-in attempts,
-- school settings, and the notes of guidance meetings.

-- A member of staff (or governor) who signs in to the web application.
-- role: admin, leader (careers leader), adviser, tutor, governor.
-- scope: for tutors, the tutor groups and year groups they may see
-- ("7A 7B Y8"); for advisers, nothing (their caseload is their meetings).
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
	last_login_at TEXT,
	UNIQUE (login)
) STRICT;

-- A signed-in browser. Only a hash of the token is kept: a copy of the
-- database does not let anyone sign in.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at INTEGER NOT NULL,     -- Unix seconds
	last_seen_at INTEGER NOT NULL,
	second_factor_done INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_done IN (0, 1))
) STRICT, WITHOUT ROWID;

CREATE INDEX session_by_user ON session (user_id);

-- Every sign-in attempt, kept for throttling and for the record.
CREATE TABLE login_attempt (
	id INTEGER PRIMARY KEY,
	login TEXT NOT NULL,
	address TEXT NOT NULL,
	at INTEGER NOT NULL,             -- Unix seconds
	success INTEGER NOT NULL CHECK (success IN (0, 1))
) STRICT;

CREATE INDEX login_attempt_by_login ON login_attempt (login, at);
CREATE INDEX login_attempt_by_address ON login_attempt (address, at);

-- Settings a school's admins choose.
CREATE TABLE school_setting (
	school_id INTEGER NOT NULL REFERENCES school(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (school_id, name)
) STRICT, WITHOUT ROWID;

-- What was said and agreed at a guidance meeting: seen by the careers
-- leader and advisers, never by tutors or governors.
ALTER TABLE guidance_meeting ADD COLUMN notes TEXT;
