#include "cli/loaders.h"

#include <string.h>

#include "cli/cli.h"
#include "io/calendar_file.h"
#include "io/programme_file.h"
#include "util/file.h"
#include "util/resources.h"

/* Programme and calendar files are small; this bounds a mistaken argument. */
enum { MAX_CONFIG_BYTES = 16 * 1024 * 1024 };

int cli_load_programme(const char *path, struct programme *prog, char sha[65])
{
	struct buf text = BUF_INIT, err = BUF_INIT;
	const char *name = path;
	programme_init(prog);
	if (!path) {
		size_t len;
		const char *builtin = resource_find(DEFAULT_PROGRAMME_PATH, &len);
		if (!builtin)
			return cli_fail(EXIT_USER, "this waymark was built without its default programme");
		buf_append(&text, builtin, len);
		name = DEFAULT_PROGRAMME_PATH;
	} else if (!file_read_all(path, MAX_CONFIG_BYTES, &text, &err)) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&err);
		buf_free(&text);
		return status;
	}
	file_sha256_hex(text.data, text.len, sha);
	struct diag_list diags;
	diag_init(&diags, name);
	programme_free(prog);
	programme_parse(text.data, text.len, prog, &diags);
	int status = cli_report_diags(&diags);
	diag_free(&diags);
	buf_free(&text);
	buf_free(&err);
	return status;
}

int cli_load_calendar(const char *path, const struct programme *prog,
		      struct school_calendar *cal)
{
	struct buf text = BUF_INIT, err = BUF_INIT;
	calendar_init(cal, 0);
	if (!file_read_all(path, MAX_CONFIG_BYTES, &text, &err)) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&err);
		buf_free(&text);
		return status;
	}
	struct diag_list diags;
	diag_init(&diags, path);
	calendar_free(cal);
	if (calendar_parse(text.data, text.len, cal, &diags) && prog) {
		for (size_t i = 0; i < prog->date_name_count; i++)
			if (calendar_named_date(cal, prog->date_names[i].name) == DATE_NONE)
				diag_warning(&diags, 0, 0,
					     "no date for %s (%s): timing rules that use it cannot be checked until it is set",
					     prog->date_names[i].name, prog->date_names[i].description);
	}
	int status = cli_report_diags(&diags);
	diag_free(&diags);
	buf_free(&text);
	buf_free(&err);
	return status;
}
