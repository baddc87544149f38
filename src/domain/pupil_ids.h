/* Pupil identifiers: the Unique Pupil Number (UPN) and the Unique Learner
 * Number (ULN), with their check characters as the DfE defines them. */
#ifndef WAYMARK_PUPIL_IDS_H
#define WAYMARK_PUPIL_IDS_H

#include <stdbool.h>

enum { UPN_LENGTH = 13, ULN_LENGTH = 10 };

enum upn_status {
	UPN_OK,
	UPN_WRONG_LENGTH,      /* not 13 characters */
	UPN_BAD_CHARACTER,     /* a character not allowed at its position */
	UPN_WRONG_CHECK_LETTER /* well formed, but the check letter is wrong */
};

/* The check letter for the 12 characters after it (positions 2-13):
 * each character's value (a digit itself; a final letter its index in
 * ABCDEFGHJKLMNPQRTUVWXYZ) times its position, summed, modulo 23, as a
 * letter of that alphabet. 0 if the 12 characters are malformed. */
char upn_check_letter(const char *rest12);

/* Checks a UPN. On UPN_WRONG_CHECK_LETTER, *expected (if not NULL) is the
 * letter it should have. Letters must be upper case (callers normalise). */
enum upn_status upn_check(const char *upn, char *expected);
/* A temporary UPN ends in a letter. */
bool upn_is_temporary(const char *upn);
/* The local authority code in a well-formed UPN (positions 2-4). */
int upn_la_code(const char *upn);
/* A sentence for a status, for messages: "has a wrong check letter". */
const char *upn_problem(enum upn_status status);

/* A ULN is 10 digits whose weighted sum (weights 10 down to 1) is 10
 * modulo 11. */
bool uln_valid(const char *uln);
/* The last digit that makes the first nine a valid ULN, or -1 if none
 * does (the nine digits cannot start a valid ULN). */
int uln_check_digit(const char *first9);

#endif
