-- The entitlement report's rows in one SQL query, the baseline of
-- bench/report_entitlement.sh: for every activity and year group of the
-- academic year starting :start_year, up to :as_of, the same nine columns
-- (and the two register columns) `waymark report entitlement --format csv`
-- writes, by the same rule
-- (src/domain/entitlement.h):
--   held      the activity's events for the year group (an event with no
--             year group is for all of the activity's), in the year, on or
--             before :as_of, whose register was taken (at least one mark);
--   eligible  pupils enrolled in the year group that year, marked at a
--             session held while on roll (and selected, for a `selected`
--             activity); for a personal-guidance activity whose year group
--             has had a guidance meeting, also those with a meeting while
--             on roll and those on roll on the last day counted;
--   received  present at min(sessions marked at while on roll, plus
--             meetings; the activity's `sessions`) of them, a meeting
--             counting as a session present at;
--   status    met when received * 100 >= floor * eligible; "register not
--             taken" when nothing is held but events have passed;
--   registers_not_taken, unmarked  as docs/registers.md says.
-- An invited activity's row counts the pupils who came, in `received`.
WITH
span(first, last) AS (
	SELECT printf('%04d-09-01', :start_year),
	       min(printf('%04d-08-31', :start_year + 1), :as_of)
),
year_group(y) AS (VALUES (7), (8), (9), (10), (11), (12), (13)),
row AS (
	SELECT g.y, a.id AS activity_id, a.slug, a.name, a.cohort, a.sessions, a.position, a.retired,
	       a.kind
	FROM activity a JOIN year_group g ON (a.year_groups >> g.y) & 1
),
held AS (
	SELECT r.y, r.activity_id, e.id AS event_id, e.date
	FROM row r JOIN event e ON e.activity_id = r.activity_id
	JOIN span ON e.date BETWEEN span.first AND span.last
	WHERE (e.year_group IS NULL OR e.year_group = r.y)
	AND EXISTS (SELECT 1 FROM mark m WHERE m.event_id = e.id)
),
held_count AS (
	SELECT y, activity_id, count(*) AS n FROM held GROUP BY y, activity_id
),
-- Per pupil and row: the sessions held while on roll and marked at, and
-- those present at.
pupil_marked AS (
	SELECT h.y, h.activity_id, en.student_id, count(*) AS on_roll,
	       sum(m.status = 'present') AS present
	FROM held h
	JOIN enrolment en ON en.start_year = :start_year AND en.year_group = h.y
		AND en.on_roll_from <= h.date AND (en.on_roll_to IS NULL OR en.on_roll_to >= h.date)
	JOIN mark m ON m.event_id = h.event_id AND m.student_id = en.student_id
	GROUP BY h.y, h.activity_id, en.student_id
),
-- Guidance meetings while on roll, for personal-guidance activities.
meeting AS (
	SELECT r.y, r.activity_id, en.student_id, count(*) AS n
	FROM row r
	JOIN enrolment en ON en.start_year = :start_year AND en.year_group = r.y
	JOIN guidance_meeting g ON g.student_id = en.student_id
	JOIN span ON g.date BETWEEN span.first AND span.last
	WHERE r.kind = 'personal-guidance' AND r.cohort <> 'invited'
	AND en.on_roll_from <= g.date AND (en.on_roll_to IS NULL OR en.on_roll_to >= g.date)
	GROUP BY r.y, r.activity_id, en.student_id
),
under_way AS (
	SELECT DISTINCT y, activity_id FROM meeting
),
pupil_row AS (
	SELECT y, activity_id, student_id, max(sum(on_roll), 1) AS on_roll,
	       sum(present) AS present
	FROM (
		SELECT y, activity_id, student_id, on_roll, present FROM pupil_marked
		UNION ALL
		SELECT y, activity_id, student_id, n, n FROM meeting
		UNION ALL
		-- Owed a meeting: on roll on the last day counted.
		SELECT u.y, u.activity_id, en.student_id, 0, 0
		FROM under_way u
		JOIN enrolment en ON en.start_year = :start_year AND en.year_group = u.y
		JOIN span ON en.on_roll_from <= span.last
			AND (en.on_roll_to IS NULL OR en.on_roll_to >= span.last)
	)
	GROUP BY y, activity_id, student_id
),
-- Registers: the row's events up to :as_of (before it) with no mark, and
-- the pupils left unmarked at its held sessions while on roll (for a
-- selected activity, the selected; an invited one owes no marks).
not_taken AS (
	SELECT r.y, r.activity_id, count(*) AS n
	FROM row r JOIN event e ON e.activity_id = r.activity_id
	JOIN span ON e.date BETWEEN span.first AND span.last
	WHERE (e.year_group IS NULL OR e.year_group = r.y) AND e.date < :as_of
	AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.event_id = e.id)
	GROUP BY r.y, r.activity_id
),
unmarked AS (
	SELECT h.y, h.activity_id, count(*) AS n
	FROM held h JOIN row r ON r.y = h.y AND r.activity_id = h.activity_id
	JOIN enrolment en ON en.start_year = :start_year AND en.year_group = h.y
		AND en.on_roll_from <= h.date AND (en.on_roll_to IS NULL OR en.on_roll_to >= h.date)
	WHERE r.cohort <> 'invited'
	AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.event_id = h.event_id
		AND m.student_id = en.student_id)
	AND (r.cohort <> 'selected' OR EXISTS (
		SELECT 1 FROM selection s WHERE s.activity_id = r.activity_id
		AND s.start_year = :start_year AND s.student_id = en.student_id))
	GROUP BY h.y, h.activity_id
),
counted AS (
	SELECT r.y, r.activity_id,
	       count(p.student_id) AS eligible,
	       sum(p.present >= min(p.on_roll, r.sessions)) AS received,
	       sum(p.present > 0) AS attended
	FROM row r JOIN pupil_row p ON p.y = r.y AND p.activity_id = r.activity_id
	WHERE r.cohort <> 'selected' OR EXISTS (
		SELECT 1 FROM selection s WHERE s.activity_id = r.activity_id
		AND s.start_year = :start_year AND s.student_id = p.student_id)
	GROUP BY r.y, r.activity_id
)
SELECT r.y AS year_group, r.slug AS activity_id, r.name AS activity, r.cohort,
       coalesce(h.n, 0) AS sessions_held,
       CASE WHEN r.cohort = 'invited' THEN '' ELSE coalesce(c.eligible, 0) END AS eligible,
       CASE WHEN r.cohort = 'invited' THEN coalesce(c.attended, 0) ELSE coalesce(c.received, 0) END
               AS received,
       CASE WHEN r.cohort = 'invited' OR coalesce(c.eligible, 0) = 0 THEN ''
            ELSE printf('%.1f', 100.0 * c.received / c.eligible) END AS percent,
       CASE WHEN r.cohort = 'invited' THEN 'attendance'
            WHEN h.n IS NULL AND u.y IS NULL AND nt.n IS NOT NULL THEN 'register not taken'
            WHEN h.n IS NULL AND u.y IS NULL THEN 'not held'
            WHEN coalesce(c.eligible, 0) = 0 THEN 'no pupils'
            WHEN c.received * 100.0 >= b.floor_percent * c.eligible - 1e-9 THEN 'met'
            ELSE 'below' END AS status,
       coalesce(nt.n, 0) AS registers_not_taken,
       coalesce(um.n, 0) AS unmarked
FROM row r
LEFT JOIN held_count h ON h.y = r.y AND h.activity_id = r.activity_id
LEFT JOIN counted c ON c.y = r.y AND c.activity_id = r.activity_id
LEFT JOIN under_way u ON u.y = r.y AND u.activity_id = r.activity_id
LEFT JOIN not_taken nt ON nt.y = r.y AND nt.activity_id = r.activity_id
LEFT JOIN unmarked um ON um.y = r.y AND um.activity_id = r.activity_id
JOIN programme_band b ON b.year_group = r.y
WHERE NOT r.retired OR h.n IS NOT NULL
ORDER BY r.y, r.position;
