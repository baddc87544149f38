-- Waymark schema, migration 9: what a personal guidance meeting agreed,
-- when the next one is, and which organisation an external adviser is
-- from. Meetings recorded before have none of them (NULL).

-- The actions the pupil and adviser agreed, as free text, or NULL.
ALTER TABLE guidance_meeting ADD COLUMN agreed_actions TEXT;
-- The date of the next meeting (YYYY-MM-DD), after the meeting's, or NULL.
ALTER TABLE guidance_meeting ADD COLUMN next_meeting TEXT;
-- An external adviser's organisation, or NULL (staff, and meetings
-- recorded before this version).
ALTER TABLE guidance_meeting ADD COLUMN adviser_organisation TEXT;
