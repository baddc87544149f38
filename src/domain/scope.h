/* Which pupils a principal may see: the scope handle a page takes once per
 * request from the signed-in user and asks of every pupil it would show,
 * list, mark or export. Staff other than tutors see every pupil of their
 * school; a tutor sees exactly the pupils of their groups now, that is in
 * the current academic year and on roll today, whatever register, year or
 * search the pupil turns up in (an old register of last year's Year 7
 * shows a tutor of 8A their own pupils, not last year's 7A). */
#ifndef WAYMARK_SCOPE_H
#define WAYMARK_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

struct pupil_scope {
	bool everyone;            /* every pupil of the school */
	long long *students;      /* otherwise these, by id, ascending; owned */
	size_t count;
	size_t cap;
};

/* A pupil of the school as their tutor group places them now. */
struct group_member {
	long long student_id;
	int year_group;
	const char *tutor_group;  /* NULL when none */
};

/* The scope of every pupil. */
void pupil_scope_everyone(struct pupil_scope *s);
/* A tutor's scope: of members (the pupils on roll now), those whose tutor
 * group or year group the tutor's scope words ("7A 7B Y8") name. */
void pupil_scope_for_tutor(struct pupil_scope *s, const char *scope_words,
			   const struct group_member *members, size_t count);
bool pupil_scope_covers(const struct pupil_scope *s, long long student_id);
void pupil_scope_free(struct pupil_scope *s);

#endif
