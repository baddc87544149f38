/* libFuzzer: arbitrary bytes as the other CSV imports. The first byte
 * chooses which: a register (one event's, or with Activity and Date
 * columns, against a school with the default programme and one event, in a
 * transaction rolled back after each input), a guidance file or an
 * intentions file. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "io/guidance_csv.h"
#include "io/intentions_csv.h"
#include "io/programme_file.h"
#include "io/register_import.h"
#include "store/event_store.h"
#include "store/programme_store.h"
#include "store/school_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct db *db;
static long long school, event;
static struct programme prog;

/* Once: a school in memory with the default programme and one event. */
static void set_up(void)
{
	struct buf err = BUF_INIT;
	db = db_open(":memory:", DB_OPEN_CREATE, &err);
	if (!db || school_create(db, "fuzz", "Fuzz School", &school) != 0)
		abort();
	const struct embedded_file *file = NULL;
	for (size_t i = 0; i < embedded_file_count; i++)
		if (strcmp(embedded_files[i].path, "programmes/kga.yaml") == 0)
			file = &embedded_files[i];
	struct diag_list diags;
	diag_init(&diags, "kga.yaml");
	struct programme parsed;
	struct programme_save_result saved;
	if (!file || !programme_parse(file->data, file->len, &parsed, &diags) ||
	    programme_store_save(db, school, &parsed, "fuzz", &saved) != 0 ||
	    programme_store_load(db, school, &prog) != 1)
		abort();
	programme_free(&parsed);
	diag_free(&diags);
	/* The careers fair, for one-event registers. */
	if (event_store_add(db, school, 1, academic_year_first_day(2025) + 45, 0, NULL, NULL, &event) != 0)
		abort();
	buf_free(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		set_up();
	if (size == 0)
		return 0;
	unsigned choice = data[0] % 4;
	/* The next two bits name the encoding, or leave it to be detected. */
	enum csv_encoding_choice encoding = (enum csv_encoding_choice)(data[0] / 4 % 4);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct diag_list diags;
	diag_init(&diags, "fuzz.csv");
	if (choice <= 1) {
		struct register_import_result result;
		if (db_begin(db) != 0)
			abort();
		register_import(db, school, &prog, choice == 0 ? event : 0, INT32_MAX, text, len,
				encoding,
				&result, &diags,
				NULL);
		db_rollback(db);
	} else if (choice == 2) {
		struct guidance_file f;
		guidance_csv_read(text, len, encoding, &f, &diags);
		guidance_file_free(&f);
	} else {
		struct intentions_file f;
		intentions_csv_read(text, len, encoding, &f, &diags);
		intentions_file_free(&f);
	}
	diag_free(&diags);
	return 0;
}
