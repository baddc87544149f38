/* Pupils, their yearly enrolments, and the rules for taking a roster from
 * the school's MIS: normalising its values and planning what an import
 * changes (new, updated, unchanged, left; promoted and joined at rollover). */
#ifndef WAYMARK_ROSTER_H
#define WAYMARK_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/limits.h"
#include "util/date.h"
#include "util/diag.h"

struct pupil {
	long long id;                   /* 0 until stored */
	const char *upn;                /* NULL when unknown */
	const char *former_upn;
	const char *admission_number;
	const char *uln;
	const char *legal_surname;
	const char *legal_forename;
	const char *preferred_surname;
	const char *preferred_forename;
	date_t date_of_birth;           /* DATE_NONE when unknown */
	char gender;                    /* 'M', 'F', 'U', or 0 when unknown */
};

/* SEN status by its MIS code. */
enum { SEN_NONE = 'N', SEN_SUPPORT = 'K', SEN_EHC_PLAN = 'E' };

struct enrolment {
	int start_year;                 /* the academic year */
	int year_group;                 /* 7-13 */
	const char *tutor_group;
	const char *house;
	char sen;                       /* SEN_NONE, SEN_SUPPORT, SEN_EHC_PLAN */
	bool pupil_premium, fsm, fsm6, eal, looked_after;
	date_t on_roll_from;
	date_t on_roll_to;              /* DATE_NONE while on roll */
};

/* Which optional columns a roster file has: a roster without a House
 * column must not erase the houses already held. */
enum roster_field {
	ROSTER_HAS_UPN = 1u << 0,
	ROSTER_HAS_FORMER_UPN = 1u << 1,
	ROSTER_HAS_ADMISSION_NUMBER = 1u << 2,
	ROSTER_HAS_ULN = 1u << 3,
	ROSTER_HAS_PREFERRED_FORENAME = 1u << 4,
	ROSTER_HAS_PREFERRED_SURNAME = 1u << 5,
	ROSTER_HAS_DATE_OF_BIRTH = 1u << 6,
	ROSTER_HAS_GENDER = 1u << 7,
	ROSTER_HAS_TUTOR_GROUP = 1u << 8,
	ROSTER_HAS_HOUSE = 1u << 9,
	ROSTER_HAS_SEN = 1u << 10,
	ROSTER_HAS_PUPIL_PREMIUM = 1u << 11,
	ROSTER_HAS_FSM = 1u << 12,
	ROSTER_HAS_FSM6 = 1u << 13,
	ROSTER_HAS_EAL = 1u << 14,
	ROSTER_HAS_LOOKED_AFTER = 1u << 15,
	ROSTER_HAS_ADMISSION_DATE = 1u << 16,
	ROSTER_HAS_LEAVING_DATE = 1u << 17,
};

/* One row of a roster file, normalised. */
struct roster_record {
	int line;
	struct pupil pupil;
	struct enrolment enrolment;     /* on_roll_* come from the dates below */
	date_t admitted;                /* Date of Admission, or DATE_NONE */
	date_t leaving;                 /* Date of Leaving, or DATE_NONE */
};

/* What the school holds for a pupil, for planning an import of start_year. */
struct roster_existing {
	struct pupil pupil;
	bool enrolled_this_year;
	struct enrolment this_year;
	bool enrolled_last_year;
	struct enrolment last_year;
};

enum roster_change { ROSTER_NEW, ROSTER_UPDATED, ROSTER_UNCHANGED, ROSTER_LEFT };

struct roster_plan_item {
	enum roster_change change;
	size_t record;                  /* index in records; SIZE_MAX for ROSTER_LEFT */
	size_t existing;                /* index in existing; SIZE_MAX for ROSTER_NEW */
	struct pupil pupil;             /* the pupil to store (merged) */
	struct enrolment enrolment;     /* this year's enrolment to store */
	bool upn_changed;               /* the stored UPN becomes the former UPN */
};

struct roster_plan {
	struct roster_plan_item *items;
	size_t count;
	int added, updated, unchanged, left;
	int on_roll;                    /* held pupils on roll before the import */
	int restored;                   /* left pupils a whole-school file lists again */
	/* A rollover: the first roster of a year that follows an enrolled one. */
	bool rollover;
	int promoted, joined, kept_back;
};

/* Normalisers for MIS values; each returns false for a value it cannot
 * read. Blank cells are handled by the caller. */
bool roster_parse_year_group(const char *s, int *year_group);  /* 7, 07, Year 7, Y7, L6... */
bool roster_parse_sen(const char *s, char *sen);               /* N, K, E, "K - SEN Support" */
bool roster_parse_bool(const char *s, bool *value);            /* Y/N, Yes/No, True/False, 1/0 */
bool roster_parse_gender(const char *s, char *gender);         /* M/F/U, Male, Female */
/* dd/mm/yyyy or ISO. The MIS "no end date", 2079-06-06, reads as
 * DATE_NONE. */
bool roster_parse_date(const char *s, date_t *date);

/* Plans the import of records (all well-formed; fields is the file's
 * ROSTER_HAS_x set) into start_year against what is held. Matches a record
 * to a held pupil by UPN, then former UPN, then admission number. A full
 * roster (partial false) marks every pupil enrolled this year, or at a
 * rollover last year, and absent from the file as left, on roll until the
 * day before as_of. Problems (a file row matching a pupil another row
 * already matched) go to diags. Returns true when there were no errors;
 * the plan's pupils point into records and existing, which must outlive it. */
bool roster_plan_build(const struct roster_record *records, size_t record_count,
		       unsigned fields, const struct roster_existing *existing,
		       size_t existing_count, int start_year, date_t as_of, bool partial,
		       struct roster_plan *plan, struct diag_list *diags);
void roster_plan_free(struct roster_plan *plan);

/* Whether `leaving` pupils leaving a roll of `on_roll` is so many that the
 * person importing must type the number: more than 20 pupils, or more than
 * 5% of the roll. */
enum { ROSTER_LEAVING_PUPILS = 20, ROSTER_LEAVING_PERCENT = 5 };
bool roster_leaving_needs_confirmation(int leaving, int on_roll);
/* The same for a plan, the roll being the larger of the pupils on roll
 * before it and after it (a whole-school file that brings back pupils
 * marked as left is measured against the school it describes). */
bool roster_plan_needs_confirmation(const struct roster_plan *plan);

/* The fields an item of a plan changes, in words ("tutor group, house"),
 * against held (the existing pupil the item is, or NULL for a new pupil):
 * "on roll again" for a left pupil restored, "enrolled for the year" for a
 * held pupil's first enrolment of the year. Writes into out (size bytes;
 * empty when nothing changes). */
void roster_item_changes(const struct roster_plan_item *item, const struct roster_existing *held,
			 char *out, size_t size);

/* The name to show for a pupil: "Preferred Surname", falling back to the
 * legal names. Writes into out (size bytes). */
void pupil_display_name(const struct pupil *p, char *out, size_t size);
/* A buffer for a pupil's name as pages show it: forename and surname of
 * LIMIT_NAME characters each, a separator and the NUL. */
#define PUPIL_NAME_BYTES (2 * LIMIT_BYTES(LIMIT_NAME) + 2)

#endif
