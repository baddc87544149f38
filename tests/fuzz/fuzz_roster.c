/* libFuzzer: arbitrary bytes as an MIS roster, through the CSV reader, the
 * column aliases, the value normalisers and the UPN/ULN checks, then the
 * import plan against an empty school. */
#include <stddef.h>
#include <stdint.h>

#include "io/roster_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster_file roster;
	struct diag_list diags;
	diag_init(&diags, "fuzz.csv");
	if (roster_csv_read((const char *)data, size, CSV_DETECT, &roster, &diags, NULL)) {
		struct roster_plan plan;
		roster_plan_build(roster.records, roster.count, roster.fields, NULL, 0, 2025,
				  academic_year_first_day(2025) + 30, false, &plan, &diags);
		roster_plan_free(&plan);
	}
	roster_file_free(&roster);
	diag_free(&diags);
	return 0;
}
