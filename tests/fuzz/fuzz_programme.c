/* libFuzzer: arbitrary bytes as a programme file. Must never crash, leak or
 * trip a sanitizer, whatever the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/programme_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct programme p;
	struct diag_list diags;
	diag_init(&diags, "fuzz.yaml");
	if (programme_parse((const char *)data, size, &p, &diags)) {
		/* A file that parses must also survive the way back out. */
		char *json = programme_to_json(&p);
		struct programme again;
		struct diag_list more;
		diag_init(&more, "fuzz.json");
		if (json && !programme_parse(json, strlen(json), &again, &more))
			abort(); /* our own output must always read back */
		free(json);
		programme_free(&again);
		diag_free(&more);
	}
	programme_free(&p);
	diag_free(&diags);
	return 0;
}
