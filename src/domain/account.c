#include "domain/account.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/limits.h"
#include "util/resources.h"
#include "util/text.h"

static const char *const role_names[ROLE_COUNT] = {
	"admin", "leader", "adviser", "tutor", "governor",
};
static const char *const role_titles[ROLE_COUNT] = {
	"administrator", "careers leader", "careers adviser", "tutor", "governor",
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "?";
}

const char *role_title(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_titles[r] : "?";
}

bool role_parse(const char *s, enum role *out)
{
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (strcmp(s, role_names[r]) == 0) {
			*out = (enum role)r;
			return true;
		}
	}
	return false;
}

/* Whether `password` is a line of the embedded list, ignoring case. */
static bool is_common(const char *password)
{
	size_t len;
	const char *list = resource_find("data/common-passwords.txt", &len);
	if (!list)
		return false;
	size_t want = strlen(password);
	for (const char *line = list; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n == want && line[0] != '#' && strncasecmp(line, password, n) == 0)
			return true;
		line += n + (end != NULL);
	}
	return false;
}

const char *password_problem(const char *password, const char *login)
{
	size_t chars = text_width(password);
	if (chars < PASSWORD_MIN_LENGTH)
		return "it must be at least 8 characters: a few words together make a good one";
	if (strlen(password) > PASSWORD_MAX_LENGTH)
		return "it must be at most 128 characters";
	if (login && strcasecmp(password, login) == 0)
		return "it must not be your login";
	bool repeated = true;
	for (const char *p = password + 1; *p && repeated; p++)
		repeated = *p == password[0];
	if (repeated)
		return "it must not be one character repeated";
	if (is_common(password))
		return "it is one of the most common passwords, which are tried first: choose another";
	return NULL;
}

bool scope_covers_tutor_group(const char *scope, const char *tutor_group, int year_group)
{
	char word[32];
	const char *p = scope;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = 0;
		while (*p && *p != ' ' && *p != ',' && n + 1 < sizeof word)
			word[n++] = *p++;
		word[n] = '\0';
		if (!n)
			break;
		long y;
		if ((word[0] == 'Y' || word[0] == 'y') && text_to_int(word + 1, 7, 13, &y)) {
			if (y == year_group)
				return true;
		} else if (tutor_group && strcasecmp(word, tutor_group) == 0) {
			return true;
		}
	}
	return false;
}

bool scope_valid(const char *scope)
{
	for (const char *p = scope; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != ' ' && *p != ',' && *p != '-' && *p != '/')
			return false;
	return strlen(scope) <= LIMIT_SCOPE;
}

bool login_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > LIMIT_LOGIN)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-' || *p == '@'))
			return false;
	return true;
}

bool signin_allowed(const struct signin_failures *f)
{
	if (f->login_here >= SIGNIN_PER_LOGIN_HERE || f->address >= SIGNIN_PER_ADDRESS)
		return false;
	return f->login_anywhere < SIGNIN_UNDER_ATTACK || f->login_here == 0;
}
