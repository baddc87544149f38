#include "domain/scope.h"

#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "util/mem.h"

void pupil_scope_everyone(struct pupil_scope *s)
{
	memset(s, 0, sizeof *s);
	s->everyone = true;
}

static int compare_ids(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;
	return (a > b) - (a < b);
}

void pupil_scope_for_tutor(struct pupil_scope *s, const char *scope_words,
			   const struct group_member *members, size_t count)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < count; i++) {
		const struct group_member *m = &members[i];
		if (!scope_covers_tutor_group(scope_words, m->tutor_group, m->year_group))
			continue;
		ARRAY_RESERVE(s->students, s->cap, s->count + 1);
		s->students[s->count++] = m->student_id;
	}
	if (s->count)
		qsort(s->students, s->count, sizeof *s->students, compare_ids);
}

bool pupil_scope_covers(const struct pupil_scope *s, long long student_id)
{
	if (s->everyone)
		return true;
	size_t lo = 0, hi = s->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->students[mid] == student_id)
			return true;
		if (s->students[mid] < student_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void pupil_scope_free(struct pupil_scope *s)
{
	free(s->students);
	memset(s, 0, sizeof *s);
}
