/* Small commands: schema, audit, backup. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/audit_store.h"
#include "util/file.h"
#include "util/text.h"

const char cmd_schema_usage[] =
	"usage: waymark schema\n"
	"\n"
	"Prints the database's schema (every CREATE statement) and its version.\n";

const char cmd_audit_usage[] =
	"usage: waymark audit [--limit N]\n"
	"\n"
	"Prints the newest entries of the audit log (default 50): when, who, what.\n";

const char cmd_backup_usage[] =
	"usage: waymark backup FILE\n"
	"\n"
	"Copies the whole database to FILE, safely while the web application runs:\n"
	"one consistent snapshot, written beside FILE under a temporary name and\n"
	"renamed over it only once complete and checked, so an interrupted backup\n"
	"never replaces the last good one. FILE is readable by its owner only: it\n"
	"holds pupil data. Restore by stopping the service and copying FILE back.\n";

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage_error(cmd_backup_usage, argc < 2 ? "name the backup file"
								  : "unexpected argument %s", argv[2]);
	const char *dest = argv[1];
	if (strcmp(dest, ctx->db_path) == 0)
		return cli_fail(EXIT_USER, "%s is the database itself: name another file", dest);
	long pages = 0;
	struct buf err = BUF_INIT;
	if (db_backup(ctx->db, dest, &pages, &err) != 0) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&err);
		return status;
	}
	buf_free(&err);
	/* Who took a copy of the pupils' data, and where to. */
	if (audit_record(ctx->db, ctx->school.id, ctx->actor, "database.backup", "database", dest,
			 NULL) != 0)
		return cli_fail(EXIT_USER, "backed up to %s, but cannot write the audit log: %s", dest,
				db_error(ctx->db));
	printf("backed up %s to %s (%ld pages, schema version %d)\n", ctx->db_path, dest, pages,
	       db_schema_version(ctx->db));
	return EXIT_OK;
}

int cmd_schema(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage_error(cmd_schema_usage, "unexpected argument %s", argv[1]);
	struct buf out = BUF_INIT;
	buf_printf(&out, "-- schema version %d\n", db_schema_version(ctx->db));
	int rc = db_schema_dump(ctx->db, &out);
	if (rc == 0)
		fputs(buf_str(&out), stdout);
	buf_free(&out);
	return rc == 0 ? EXIT_OK : cli_fail(EXIT_USER, "cannot read the schema: %s", db_error(ctx->db));
}

int cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	long limit = 50;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'n' || !text_to_int(optarg, 1, 100000, &limit))
			return opt == 'n' ? cli_usage_error(cmd_audit_usage, "--limit: a number from 1 to 100000")
					  : cli_bad_option(cmd_audit_usage, argv);
	}
	if (optind < argc)
		return cli_usage_error(cmd_audit_usage, "unexpected argument %s", argv[optind]);
	struct buf out = BUF_INIT;
	int rc = audit_list(ctx->db, ctx->school.id, (int)limit, &out);
	if (rc == 0)
		fputs(buf_str(&out), stdout);
	buf_free(&out);
	return rc == 0 ? EXIT_OK : cli_fail(EXIT_USER, "cannot read the audit log: %s", db_error(ctx->db));
}
