#include "domain/register.h"

#include <ctype.h>
#include <string.h>

static const char *const status_names[MARK_STATUS_COUNT] = { "present", "absent", "excused" };

const char *mark_status_name(enum mark_status s)
{
	return (unsigned)s < MARK_STATUS_COUNT ? status_names[s] : "?";
}

bool register_parse_attendance(const char *s, enum mark_status *out)
{
	char v[16];
	size_t n = 0;
	for (; *s && n + 1 < sizeof v; s++)
		if (*s != ' ' && *s != '\t')
			v[n++] = (char)tolower((unsigned char)*s);
	if (*s)
		return false;
	v[n] = '\0';
	static const struct {
		const char *word;
		enum mark_status status;
	} words[] = {
		{ "", MARK_ABSENT },
		{ "present", MARK_PRESENT }, { "p", MARK_PRESENT }, { "y", MARK_PRESENT },
		{ "yes", MARK_PRESENT }, { "1", MARK_PRESENT }, { "true", MARK_PRESENT },
		{ "attended", MARK_PRESENT }, { "late", MARK_PRESENT }, { "l", MARK_PRESENT },
		{ "/", MARK_PRESENT }, { "\\", MARK_PRESENT },
		{ "\xe2\x9c\x93", MARK_PRESENT }, /* ✓ */
		{ "\xe2\x9c\x94", MARK_PRESENT }, /* ✔ */
		{ "\xe2\x88\x9a", MARK_PRESENT }, /* √ */
		{ "absent", MARK_ABSENT }, { "a", MARK_ABSENT }, { "n", MARK_ABSENT },
		{ "no", MARK_ABSENT }, { "0", MARK_ABSENT }, { "false", MARK_ABSENT },
		{ "excused", MARK_EXCUSED }, { "e", MARK_EXCUSED }, { "authorised", MARK_EXCUSED },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (strcmp(v, words[i].word) == 0) {
			*out = words[i].status;
			return true;
		}
	}
	return false;
}

static const char *const state_names[REGISTER_STATE_COUNT] = {
	"not due", "due", "not taken", "incomplete", "complete",
};

const char *register_state_name(enum register_state s)
{
	return (unsigned)s < REGISTER_STATE_COUNT ? state_names[s] : "?";
}

enum register_state register_state_of(date_t event_date, date_t as_of, int marked, int expected)
{
	if (marked > 0)
		return marked >= expected ? REGISTER_COMPLETE : REGISTER_INCOMPLETE;
	if (event_date > as_of)
		return REGISTER_NOT_DUE;
	return event_date == as_of ? REGISTER_DUE : REGISTER_NOT_TAKEN;
}

bool register_open_on(date_t event_date, date_t today)
{
	return event_date <= today;
}

static const char *const kind_names[ORG_KIND_COUNT] = {
	"employer", "sixth-form", "college", "university", "training-provider", "other",
};

const char *organisation_kind_name(enum organisation_kind k)
{
	return (unsigned)k < ORG_KIND_COUNT ? kind_names[k] : "?";
}

bool organisation_kind_parse(const char *s, enum organisation_kind *out)
{
	for (int k = 0; k < ORG_KIND_COUNT; k++) {
		if (strcmp(s, kind_names[k]) == 0) {
			*out = (enum organisation_kind)k;
			return true;
		}
	}
	return false;
}

bool organisation_size_valid(const char *s)
{
	return strcmp(s, "micro") == 0 || strcmp(s, "small") == 0 || strcmp(s, "medium") == 0 ||
	       strcmp(s, "large") == 0;
}
