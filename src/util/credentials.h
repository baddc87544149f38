/* Secrets: password hashing (Argon2id), random tokens, token hashes,
 * constant-time comparison (libsodium), and authenticator-app codes
 * (TOTP, RFC 6238, with liboath) with their enrolment QR code as SVG
 * (libqrencode). */
#ifndef WAYMARK_CREDENTIALS_H
#define WAYMARK_CREDENTIALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Call once at start-up; false if libsodium cannot start. */
bool credentials_init(void);

/* Argon2id hash of a password in libsodium's string form (out needs 128
 * bytes). At most two hashes run at once, so a burst of sign-ins cannot
 * exhaust the machine's memory. false on failure (out of memory). */
bool password_hash(const char *password, char out[128]);
/* Whether password matches the stored hash, in constant time. */
bool password_verify(const char *hash, const char *password);

/* A random password to hand to a new user: four short words' worth of
 * letters and digits, easy to type once (out needs 32 bytes). */
void password_generate(char out[32]);

/* A random token of 128 bits as 32 hex digits (out needs 33 bytes). */
void token_generate(char out[33]);
/* SHA-256 of a token as 64 hex digits (out needs 65): what is stored. */
void token_hash(const char *token, char out[65]);
/* Constant-time string equality. */
bool token_equal(const char *a, const char *b);

/* A new TOTP secret, base32 (out needs 40 bytes). */
bool totp_new_secret(char out[40]);
/* Whether code is the current 6-digit code for secret at time now
 * (allowing one 30-second step either side for clock drift). */
bool totp_verify(const char *secret_base32, const char *code, int64_t now);
/* The same, also giving the 30-second step the code belongs to (so that a
 * caller can accept each step's code once). */
bool totp_check(const char *secret_base32, const char *code, int64_t now, int64_t *step);
/* The otpauth:// URI for an authenticator app. */
void totp_uri(const char *secret_base32, const char *issuer, const char *account, struct buf *out);
/* The URI as an SVG QR code, through the escaping writer. */
bool qr_svg(const char *text, struct buf *out);

#endif
