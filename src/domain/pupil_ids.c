#include "domain/pupil_ids.h"

#include <string.h>

/* I, O and S are left out: they read too easily as 1, 0 and 5. */
static const char UPN_ALPHABET[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int alphabet_index(char c)
{
	const char *p = c ? strchr(UPN_ALPHABET, c) : NULL;
	return p ? (int)(p - UPN_ALPHABET) : -1;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Positions 2-12 are digits; position 13 a digit or (temporary) a letter. */
static bool rest_well_formed(const char *rest12)
{
	for (int i = 0; i < 11; i++)
		if (!is_digit(rest12[i]))
			return false;
	return is_digit(rest12[11]) || alphabet_index(rest12[11]) >= 0;
}

char upn_check_letter(const char *rest12)
{
	if (strnlen(rest12, 13) < 12 || !rest_well_formed(rest12))
		return 0;
	int sum = 0;
	for (int i = 0; i < 12; i++) {
		char c = rest12[i];
		int value = is_digit(c) ? c - '0' : alphabet_index(c);
		sum += value * (i + 2);
	}
	return UPN_ALPHABET[sum % 23];
}

enum upn_status upn_check(const char *upn, char *expected)
{
	if (strlen(upn) != UPN_LENGTH)
		return UPN_WRONG_LENGTH;
	if (alphabet_index(upn[0]) < 0 || !rest_well_formed(upn + 1))
		return UPN_BAD_CHARACTER;
	char want = upn_check_letter(upn + 1);
	if (expected)
		*expected = want;
	return want == upn[0] ? UPN_OK : UPN_WRONG_CHECK_LETTER;
}

bool upn_is_temporary(const char *upn)
{
	return strlen(upn) == UPN_LENGTH && !is_digit(upn[12]);
}

int upn_la_code(const char *upn)
{
	return (upn[1] - '0') * 100 + (upn[2] - '0') * 10 + (upn[3] - '0');
}

const char *upn_problem(enum upn_status status)
{
	switch (status) {
	case UPN_OK:
		return "is valid";
	case UPN_WRONG_LENGTH:
		return "is not 13 characters long";
	case UPN_BAD_CHARACTER:
		return "is not a UPN: a letter, 11 digits, then a digit or a letter (never I, O or S)";
	case UPN_WRONG_CHECK_LETTER:
		return "has the wrong check letter";
	}
	return "?";
}

static int uln_weighted_sum(const char *digits, int count)
{
	int sum = 0;
	for (int i = 0; i < count; i++)
		sum += (digits[i] - '0') * (10 - i);
	return sum;
}

bool uln_valid(const char *uln)
{
	if (strlen(uln) != ULN_LENGTH)
		return false;
	for (int i = 0; i < ULN_LENGTH; i++)
		if (!is_digit(uln[i]))
			return false;
	return uln_weighted_sum(uln, ULN_LENGTH) % 11 == 10;
}

int uln_check_digit(const char *first9)
{
	for (int i = 0; i < 9; i++)
		if (!is_digit(first9[i]))
			return -1;
	/* The last digit has weight 1: it must bring the sum to 10 mod 11. */
	int digit = (10 - uln_weighted_sum(first9, 9) % 11 + 11) % 11;
	return digit <= 9 ? digit : -1;
}
