/* Small commands: schema, audit, backup, restore. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/audit_store.h"
#include "util/file.h"
#include "util/mem.h"
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
	"       waymark backup --keep N DIR\n"
	"\n"
	"Copies the whole database to FILE, safely while the web application runs:\n"
	"one consistent snapshot, written beside FILE under a temporary name, checked\n"
	"with SQLite's full integrity_check, flushed to disk and renamed over FILE\n"
	"only then, so an interrupted backup never replaces the last good one. FILE\n"
	"is readable by its owner only: it holds pupil data. Exit status 0 when the\n"
	"copy is good, even if the audit log entry for it could not be written\n"
	"(a warning says so).\n"
	"\n"
	"  --keep N  write a new generation DIR/waymark-YYYY-MM-DDTHHMMSS.db (UTC),\n"
	"            then delete the oldest generations beyond N; only files named\n"
	"            like that are counted or deleted, never anything else in DIR\n"
	"\n"
	"Restore with `waymark restore FILE` (docs/reliability.md).\n";

const char cmd_restore_usage[] =
	"usage: waymark restore FILE\n"
	"\n"
	"Replaces the database (--db) with the backup FILE. FILE is checked first,\n"
	"read-only: a Waymark database of a schema version this waymark knows, and\n"
	"SQLite's full integrity_check ok; a damaged FILE is refused and the\n"
	"database left as it is. Refused too while `waymark serve` or another\n"
	"waymark command has the database open: stop the service first (sudo\n"
	"systemctl stop waymark). The old database's -wal and -shm files are\n"
	"removed, the copy is put in place (flushed to disk, renamed), brought up to\n"
	"this waymark's schema if it is older, and the restore recorded in its\n"
	"audit log. Prints the schema version, the backup's date and how many\n"
	"pupils and marks it holds.\n";

/* The generations of --keep: waymark-YYYY-MM-DDTHHMMSS.db, nothing else. */
static const char GENERATION_PATTERN[] = "waymark-####-##-##T######.db"; /* # a digit */

static bool is_generation(const char *name)
{
	if (strlen(name) != sizeof GENERATION_PATTERN - 1)
		return false;
	for (size_t i = 0; name[i]; i++) {
		bool digit = name[i] >= '0' && name[i] <= '9';
		if (GENERATION_PATTERN[i] == '#' ? !digit : name[i] != GENERATION_PATTERN[i])
			return false;
	}
	return true;
}

/* Unix seconds from a generation's name (UTC), or -1. */
static long long generation_time(const char *path)
{
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	struct tm tm = { 0 };
	if (!is_generation(name) || !strptime(name + 8, "%Y-%m-%dT%H%M%S", &tm))
		return -1;
	return (long long)timegm(&tm);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The generations in dir, oldest first (their names sort by time); the
 * caller frees each and the list. -1 if dir cannot be read. */
static long list_generations(const char *dir, char ***out)
{
	*out = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_generation(e->d_name))
			continue;
		ARRAY_RESERVE(*out, cap, n + 1);
		(*out)[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(*out, n, sizeof **out, compare_names);
	return (long)n;
}

/* Deletes the oldest generations in dir beyond keep, saying what it kept
 * and removed. EXIT_OK or EXIT_USER. */
static int prune_generations(const char *dir, long keep)
{
	char **names;
	long n = list_generations(dir, &names);
	if (n < 0)
		return cli_fail(EXIT_USER, "cannot list %s: %s", dir, strerror(errno));
	int status = EXIT_OK;
	long removed = 0;
	for (long i = 0; i + keep < n; i++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, names[i]);
		if (unlink(buf_str(&path)) == 0) {
			printf("removed %s\n", buf_str(&path));
			removed++;
		} else {
			status = cli_fail(EXIT_USER, "cannot remove %s: %s", buf_str(&path), strerror(errno));
		}
		buf_free(&path);
	}
	long kept = n - removed;
	printf("kept %ld backup%s in %s", kept, kept == 1 ? "" : "s", dir);
	if (n)
		printf(", oldest %s, newest %s", names[n - kept], names[n - 1]);
	putchar('\n');
	for (long i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (removed) {
		/* The removals on disk too: "DIR/." is a name inside DIR. */
		struct buf inside = BUF_INIT, err = BUF_INIT;
		buf_printf(&inside, "%s/.", dir);
		if (!file_sync_dir(buf_str(&inside), &err))
			cli_warn("%s", buf_str(&err));
		buf_free(&inside);
		buf_free(&err);
	}
	return status;
}

/* DIR/waymark-YYYY-MM-DDTHHMMSS.db for now, in UTC. */
static void generation_path(const char *dir, struct buf *out)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H%M%S", &tm);
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	buf_printf(out, "%.*s/waymark-%s.db", (int)len, dir, stamp);
}

/* The backup itself, then its audit entry. A good copy is a success even
 * when the entry cannot be written (a busy server): the copy is what
 * matters at 2 a.m. */
static int backup_to(struct cli_ctx *ctx, const char *dest)
{
	long pages = 0;
	struct buf err = BUF_INIT;
	if (db_backup(ctx->db, dest, &pages, &err) != 0) {
		int status = cli_fail(EXIT_USER, "%s", buf_str(&err));
		buf_free(&err);
		return status;
	}
	buf_free(&err);
	printf("backed up %s to %s (%ld pages, schema version %d, integrity_check ok)\n", ctx->db_path,
	       dest, pages, db_schema_version(ctx->db));
	/* Who took a copy of the pupils' data, and where to. */
	if (audit_record(ctx->db, ctx->school.id, ctx->actor, "database.backup", "database", dest,
			 NULL) != 0)
		cli_warn("the backup is good, but its entry in the audit log could not be written: %s",
			 db_error(ctx->db));
	return EXIT_OK;
}

/* Whether a and b name the same file (both existing). */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return strcmp(a, b) == 0 ||
	       (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
		sa.st_ino == sb.st_ino);
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "keep", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	long keep = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (opt != 'k')
			return cli_bad_option(cmd_backup_usage, argv);
		if (!text_to_int(optarg, 1, 10000, &keep))
			return cli_usage_error(cmd_backup_usage, "--keep: how many backups to keep, 1 to 10000");
	}
	if (optind >= argc)
		return cli_usage_error(cmd_backup_usage, keep ? "name the backup directory"
							      : "name the backup file");
	if (optind + 1 < argc)
		return cli_usage_error(cmd_backup_usage, "unexpected argument %s", argv[optind + 1]);
	const char *target = argv[optind];
	struct buf dest = BUF_INIT;
	struct stat sb;
	if (keep && (stat(target, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		buf_free(&dest);
		return cli_fail(EXIT_USER, "%s is not a directory: create it (owner the service's user, mode 0700) or name another",
				target);
	}
	if (keep)
		generation_path(target, &dest);
	else
		buf_puts(&dest, target);
	int status = EXIT_OK;
	if (same_file(buf_str(&dest), ctx->db_path))
		status = cli_fail(EXIT_USER, "%s is the database itself: name another file", buf_str(&dest));
	else
		status = backup_to(ctx, buf_str(&dest));
	if (status == EXIT_OK && keep)
		status = prune_generations(target, keep);
	buf_free(&dest);
	return status;
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

/* "2026-12-03 02:30:00 UTC" for Unix seconds t. */
static void format_utc(long long t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* When the backup was taken: from a generation's name, else the file's
 * modification time (a copy keeps it only if copied with cp -p). */
static void backup_date(const char *path, const struct db_file_info *info, struct buf *out)
{
	char when[32];
	long long t = generation_time(path);
	if (t >= 0) {
		format_utc(t, when);
		buf_printf(out, "backup taken %s", when);
	} else {
		format_utc(info->modified, when);
		buf_printf(out, "file dated %s", when);
	}
	if (info->newest_change[0])
		buf_printf(out, ", newest change in it %s", info->newest_change);
}

/* The restored database, opened as every command opens it (which brings an
 * older schema up to date), and its audit entry. */
static int open_restored(struct cli_ctx *ctx, const char *backup, const struct db_file_info *info)
{
	struct buf err = BUF_INIT, detail = BUF_INIT;
	ctx->db = db_open(ctx->db_path, DB_OPEN_EXISTING, &err);
	if (!ctx->db) {
		int status = cli_fail(EXIT_USER, "%s was restored from %s but cannot be opened: %s",
				      ctx->db_path, backup, buf_str(&err));
		buf_free(&err);
		return status;
	}
	int version = db_schema_version(ctx->db);
	buf_printf(&detail, "schema version %d", info->schema_version);
	if (version != info->schema_version)
		buf_printf(&detail, ", brought up to %d", version);
	buf_puts(&detail, "; ");
	backup_date(backup, info, &detail);
	/* The whole database's event, so no school: every school's log shows
	 * it. The backup named as it will still mean something later. */
	char *full = realpath(backup, NULL);
	int rc = audit_record(ctx->db, 0, ctx->actor, "database.restore", "database",
			      full ? full : backup, buf_str(&detail));
	free(full);
	if (rc != 0)
		cli_warn("the database is restored, but its audit log entry could not be written: %s",
			 db_error(ctx->db));
	printf("restored %s from %s: %s; %lld pupils, %lld marks\n", ctx->db_path, backup,
	       buf_str(&detail), info->pupils, info->marks);
	buf_free(&detail);
	buf_free(&err);
	return EXIT_OK;
}

int cmd_restore(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(cmd_restore_usage, "name the backup file to restore");
	if (argc > 2)
		return cli_usage_error(cmd_restore_usage, "unexpected argument %s", argv[2]);
	const char *backup = argv[1];
	if (same_file(backup, ctx->db_path))
		return cli_fail(EXIT_USER, "%s is the database itself: name a backup", backup);
	struct db_file_info info;
	struct buf err = BUF_INIT;
	int status = EXIT_OK;
	if (db_file_check(backup, &info, &err) != 0) {
		status = cli_fail(EXIT_USER, "%s, so it cannot be restored: %s is untouched (try an older backup)",
				  buf_str(&err), ctx->db_path);
		buf_free(&err);
		return status;
	}
	int lock = db_lock_exclusive(ctx->db_path, &err);
	if (lock < 0) {
		status = cli_fail(EXIT_USER, "%s, so it cannot be replaced now: stop the service first "
				  "(sudo systemctl stop waymark) and any other waymark command, then run "
				  "`waymark restore` again", buf_str(&err));
		buf_free(&err);
		return status;
	}
	if (db_restore_file(ctx->db_path, backup, info.bytes, &err) != 0)
		status = cli_fail(EXIT_USER, "%s: %s was not replaced", buf_str(&err), ctx->db_path);
	db_unlock(lock);
	buf_free(&err);
	return status == EXIT_OK ? open_restored(ctx, backup, &info) : status;
}
