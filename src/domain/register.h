/* Registers: what a mark is and how staff write one. */
#ifndef WAYMARK_REGISTER_H
#define WAYMARK_REGISTER_H

#include <stdbool.h>

enum mark_status { MARK_PRESENT, MARK_ABSENT, MARK_EXCUSED, MARK_STATUS_COUNT };

const char *mark_status_name(enum mark_status s);  /* "present", "absent", "excused" */

/* Reads an attendance cell as staff write it: Present/Absent/Excused, P/A/E,
 * Y/N, Yes/No, 1/0, True/False, a tick (✓ ✔ √), / or \ (the register's
 * present marks), "late" (present). A blank cell is absent. False for
 * anything else. */
bool register_parse_attendance(const char *s, enum mark_status *out);

enum organisation_kind {
	ORG_EMPLOYER,
	ORG_SIXTH_FORM,
	ORG_COLLEGE,
	ORG_UNIVERSITY,
	ORG_TRAINING_PROVIDER,
	ORG_OTHER,
	ORG_KIND_COUNT
};

const char *organisation_kind_name(enum organisation_kind k);
bool organisation_kind_parse(const char *s, enum organisation_kind *out);
/* micro (<10 staff), small (<50), medium (<250), large. */
bool organisation_size_valid(const char *s);

#endif
