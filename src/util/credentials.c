#include "util/credentials.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <qrencode.h>
#include <semaphore.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/html.h"

/* Argon2id at libsodium's "interactive" limits takes 64 MiB; two at once
 * bound a burst of sign-ins to 128 MiB. */
enum { CONCURRENT_HASHES = 2 };

static sem_t hash_slots;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static bool init_ok;

static void init(void)
{
	init_ok = sodium_init() >= 0 && oath_init() == OATH_OK &&
		  sem_init(&hash_slots, 0, CONCURRENT_HASHES) == 0;
}

bool credentials_init(void)
{
	pthread_once(&init_once, init);
	return init_ok;
}

bool password_hash(const char *password, char out[128])
{
	if (!credentials_init())
		return false;
	while (sem_wait(&hash_slots) != 0)
		;
	int rc = crypto_pwhash_str(out, password, strlen(password),
				   crypto_pwhash_OPSLIMIT_INTERACTIVE,
				   crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sem_post(&hash_slots);
	return rc == 0;
}

bool password_verify(const char *hash, const char *password)
{
	if (!credentials_init() || !hash || !*hash)
		return false;
	while (sem_wait(&hash_slots) != 0)
		;
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	sem_post(&hash_slots);
	return rc == 0;
}

void password_generate(char out[32])
{
	/* No look-alike characters (0/O, 1/l/I): it is read off a screen. */
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	credentials_init();
	size_t n = 0;
	for (int group = 0; group < 4; group++) {
		if (group)
			out[n++] = '-';
		for (int i = 0; i < 5; i++)
			out[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[n] = '\0';
}

void token_generate(char out[33])
{
	unsigned char raw[16];
	credentials_init();
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 33, raw, sizeof raw);
}

void token_hash(const char *token, char out[65])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, hash, sizeof hash);
}

bool token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool totp_new_secret(char out[40])
{
	unsigned char raw[20];
	credentials_init();
	randombytes_buf(raw, sizeof raw);
	char *encoded = NULL;
	size_t len = 0;
	if (oath_base32_encode((const char *)raw, sizeof raw, &encoded, &len) != OATH_OK)
		return false;
	/* Authenticator apps want the padding off. */
	size_t n = 0;
	for (size_t i = 0; i < len && n < 39; i++)
		if (encoded[i] != '=')
			out[n++] = encoded[i];
	out[n] = '\0';
	free(encoded);
	return true;
}

bool totp_verify(const char *secret_base32, const char *code, int64_t now)
{
	int64_t step;
	return totp_check(secret_base32, code, now, &step);
}

bool totp_check(const char *secret_base32, const char *code, int64_t now, int64_t *step)
{
	if (!credentials_init() || strlen(code) != 6)
		return false;
	for (const char *p = code; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	char *secret = NULL;
	size_t len = 0;
	if (oath_base32_decode(secret_base32, strlen(secret_base32), &secret, &len) != OATH_OK)
		return false;
	int position = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3(secret, len, (time_t)now, OATH_TOTP_DEFAULT_TIME_STEP_SIZE, 0, 1,
				     &position, &counter, code);
	sodium_memzero(secret, len);
	free(secret);
	*step = (int64_t)counter;
	return rc >= 0;
}

void totp_uri(const char *secret_base32, const char *issuer, const char *account, struct buf *out)
{
	buf_puts(out, "otpauth://totp/");
	url_encode(out, issuer);
	buf_puts(out, ":");
	url_encode(out, account);
	buf_puts(out, "?secret=");
	buf_puts(out, secret_base32);
	buf_puts(out, "&issuer=");
	url_encode(out, issuer);
}

bool qr_svg(const char *text, struct buf *out)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return false;
	int quiet = 4, size = qr->width + 2 * quiet;
	html_fmt(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		      "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\" "
		      "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		      "<path fill=\"#000\" d=\"",
		 size, size, size * 6, size * 6, "QR code for your authenticator app", size, size);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				html_fmt(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	html_raw(out, "\"/></svg>");
	QRcode_free(qr);
	return true;
}
