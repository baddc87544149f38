/* waymark init: a new database with one school, its programme and
 * (optionally) a calendar. Built in a temporary file and renamed into
 * place, so a failed init never leaves a half-made database behind. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/limits.h"
#include "cli/loaders.h"
#include "store/audit_store.h"
#include "store/calendar_store.h"
#include "store/programme_store.h"
#include "util/file.h"
#include "util/text.h"

const char cmd_init_usage[] =
	"usage: waymark init [--school NAME] [--slug SLUG] [--programme FILE]\n"
	"                    [--calendar FILE] [--force]\n"
	"\n"
	"Creates the database (--db, default ./waymark.db) with one school.\n"
	"\n"
	"  --school NAME     the school's name (default \"My school\")\n"
	"  --slug SLUG       its short id, used with --school later (default: from NAME)\n"
	"  --programme FILE  the careers programme (default: the built-in KGA programme)\n"
	"  --calendar FILE   a calendar file for one academic year (see `calendar template`)\n"
	"  --force           replace an existing database (its data is lost)\n";

/* "Kingsway Academy" -> "kingsway-academy". */
static void slug_from_name(const char *name, char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;
	for (const char *p = name; *p && n + 1 < size; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0 && n + 2 < size)
				out[n++] = '-';
			out[n++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "school");
}

static int build(const char *path, const char *name, const char *slug,
		 struct programme *prog, const char *prog_sha, struct school_calendar *cal,
		 const char *actor)
{
	struct buf err = BUF_INIT;
	struct db *db = db_open(path, DB_OPEN_CREATE, &err);
	if (!db) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&err);
		return status;
	}
	long long school_id;
	struct programme_save_result saved;
	int status = EXIT_OK;
	if (db_begin(db) != 0 || school_create(db, slug, name, &school_id) != 0 ||
	    audit_record(db, school_id, actor, "school.create", "school", slug, name) != 0 ||
	    programme_store_save(db, school_id, prog, prog_sha, &saved) != 0 ||
	    audit_record(db, school_id, actor, "programme.import", "programme", prog->name,
			 prog_sha) != 0 ||
	    (cal && (calendar_store_save(db, school_id, cal) != 0 ||
		     audit_record(db, school_id, actor, "calendar.import", "academic_year",
				  academic_year_format(cal->start_year, (char[8]){ 0 }), NULL) != 0)) ||
	    db_commit(db) != 0) {
		status = cli_fail(EXIT_USER, "cannot create %s: %s", path, db_error(db));
		db_rollback(db);
	}
	db_close(db);
	buf_free(&err);
	return status;
}

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "school", required_argument, NULL, 's' },
		{ "slug", required_argument, NULL, 'S' },
		{ "programme", required_argument, NULL, 'p' },
		{ "calendar", required_argument, NULL, 'c' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = "My school", *slug = NULL, *prog_path = NULL, *cal_path = NULL;
	bool force = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 's': name = optarg; break;
		case 'S': slug = optarg; break;
		case 'p': prog_path = optarg; break;
		case 'c': cal_path = optarg; break;
		case 'f': force = true; break;
		default: return cli_bad_option(cmd_init_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd_init_usage, "unexpected argument %s", argv[optind]);
	char slug_buf[65];
	if (!slug) {
		slug_from_name(name, slug_buf, sizeof slug_buf);
		slug = slug_buf;
	} else if (!text_is_slug(slug)) {
		return cli_usage_error(cmd_init_usage,
				       "--slug: \"%s\" must be lowercase letters, digits and hyphens", slug);
	}
	if (!*name)
		return cli_usage_error(cmd_init_usage, "--school: the name cannot be empty");
	if (cli_check_text(cmd_init_usage, "--school", name, LIMIT_TITLE) != EXIT_OK)
		return EXIT_USAGE;
	if (file_exists(ctx->db_path) && !force)
		return cli_fail(EXIT_USER, "%s already exists: use --force to replace it, or --db to choose another file",
				ctx->db_path);

	struct programme prog;
	char prog_sha[65];
	int status = cli_load_programme(prog_path, &prog, prog_sha);
	if (status != EXIT_OK) {
		programme_free(&prog);
		return status;
	}
	struct school_calendar cal;
	bool have_cal = cal_path != NULL;
	if (have_cal && (status = cli_load_calendar(cal_path, &prog, &cal)) != EXIT_OK) {
		calendar_free(&cal);
		programme_free(&prog);
		return status;
	}

	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.init-XXXXXX", ctx->db_path);
	char *tmp_path = buf_detach(&tmp);
	/* Replacing a database: not while a server or a command has it open. */
	struct buf err = BUF_INIT;
	int lock = force && file_exists(ctx->db_path) ? db_lock_exclusive(ctx->db_path, &err) : -1;
	int fd = -1;
	if (force && file_exists(ctx->db_path) && lock < 0)
		status = cli_fail(EXIT_USER, "%s, so it cannot be replaced now: stop the service first "
				  "(sudo systemctl stop waymark)", buf_str(&err));
	else if ((fd = mkstemp(tmp_path)) < 0)
		status = cli_fail(EXIT_USER, "cannot create a file next to %s: check the directory exists and is writable",
				  ctx->db_path);
	if (fd >= 0) {
		close(fd);
		status = build(tmp_path, name, slug, &prog, prog_sha, have_cal ? &cal : NULL,
			       ctx->actor);
		/* A replaced database's journal files belong to it, not to us:
		 * db_install removes them first. */
		if (status == EXIT_OK && db_install(ctx->db_path, tmp_path, &err) != 0)
			status = cli_fail(EXIT_USER, "cannot create %s: %s", ctx->db_path, buf_str(&err));
		if (status != EXIT_OK)
			db_remove_files(tmp_path);
	}
	db_unlock(lock);
	buf_free(&err);
	if (status == EXIT_OK) {
		printf("created %s: school \"%s\" (%s), programme \"%s\" with %zu activities\n",
		       ctx->db_path, name, slug, prog.name, prog.activity_count);
		if (have_cal) {
			char year[8];
			printf("calendar %s: %zu terms, %zu school weeks\n",
			       academic_year_format(cal.start_year, year), cal.term_count,
			       cal.week_count);
		} else {
			printf("next: `waymark calendar template > calendar.yaml`, edit it, then "
			       "`waymark calendar import calendar.yaml`\n");
		}
	}
	free(tmp_path);
	if (have_cal)
		calendar_free(&cal);
	programme_free(&prog);
	return status;
}
