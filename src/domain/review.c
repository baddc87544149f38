#include "domain/review.h"

bool review_period_of(const struct school_calendar *cal, date_t d, struct review_period *out)
{
	if (cal->term_count == 0)
		return false;
	/* The term d is in, else the last one that has started. */
	const struct term *t = &cal->terms[0];
	for (size_t i = 0; i < cal->term_count; i++)
		if (cal->terms[i].start <= d)
			t = &cal->terms[i];
	int first = (t->ordinal - 1) / 2 * 2 + 1;
	int last = first + 1;
	if (last > (int)cal->term_count)
		last = (int)cal->term_count;
	const struct term *a = calendar_term(cal, first), *b = calendar_term(cal, last);
	if (!a || !b)
		return false;
	*out = (struct review_period){ first, last, a->start, b->end };
	return true;
}
