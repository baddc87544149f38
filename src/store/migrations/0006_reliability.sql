-- Waymark schema, migration 6: forms that are applied once however often
-- they are sent, a second-factor code accepted once, sign-in attempts
-- told apart by kind and pruned by time, and guidance meetings that point
-- at the adviser's account rather than at a name.

-- A form submission already applied: the form carries a random key, and a
-- repeat of the same key (a double click, a phone retrying on a flaky
-- network) is answered with where the first one sent the user instead of
-- being applied again. Kept a week.
CREATE TABLE submission (
	key TEXT PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	at INTEGER NOT NULL,             -- Unix seconds
	outcome TEXT NOT NULL            -- the page the first submission led to
) STRICT, WITHOUT ROWID;
CREATE INDEX submission_by_time ON submission (at);

-- The last 30-second step whose code signed this user in: a code is
-- accepted once, never replayed within its window.
ALTER TABLE user ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;

-- A password tried at /login, or a second-factor code at /login/code.
ALTER TABLE login_attempt ADD COLUMN kind TEXT NOT NULL DEFAULT 'password'
	CHECK (kind IN ('password', 'code'));
CREATE INDEX login_attempt_by_time ON login_attempt (at);

-- Who held the meeting, when they have an account: their notes stay theirs
-- when their name changes. Meetings recorded before this migration are
-- matched once to an account of the school by the name or login recorded.
ALTER TABLE guidance_meeting ADD COLUMN adviser_user_id INTEGER
	REFERENCES user(id) ON DELETE SET NULL;
UPDATE guidance_meeting SET adviser_user_id = (
	SELECT u.id FROM user u JOIN student s ON s.id = guidance_meeting.student_id
	WHERE u.school_id = s.school_id
	  AND (u.display_name = trim(guidance_meeting.adviser) COLLATE NOCASE
	       OR u.login = trim(guidance_meeting.adviser))
	ORDER BY u.id LIMIT 1);
