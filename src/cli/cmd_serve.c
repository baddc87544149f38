/* waymark serve: the web application, with the start-up check of the
 * database and the checkpointer that keeps its WAL small. */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/credentials.h"
#include "util/text.h"
#include "web/http_server.h"

const char cmd_serve_usage[] =
	"usage: waymark serve [--listen ADDRESS:PORT] [--threads N] [--secure-cookies]\n"
	"                     [--behind-proxy] [--upload-limit MB] [--quiet]\n"
	"\n"
	"Serves the web application (default 127.0.0.1:8080) until stopped with\n"
	"Ctrl-C or SIGTERM. It listens on the loopback address unless told otherwise:\n"
	"put a TLS reverse proxy (docs/deploy.md) in front of it for other machines,\n"
	"and cookies are then marked Secure (always when not on loopback).\n"
	"\n"
	"  --listen A:P      address and port; port 0 picks a free one\n"
	"  --threads N       worker threads, each with its own database connection (4)\n"
	"  --secure-cookies  send cookies over HTTPS only\n"
	"  --behind-proxy    a reverse proxy on this machine fronts every client: take\n"
	"                    each client's address from its X-Real-IP header (for the\n"
	"                    login throttle and the log); implies --secure-cookies\n"
	"  --upload-limit MB the largest import file accepted, 1 to 512 (20); only a\n"
	"                    signed-in user who may import can send more than a\n"
	"                    form's 64 KB (docs/limits.md)\n"
	"  --quiet           no access log on standard error\n";

/* Empties the WAL once the server has been idle a few seconds: SQLite's
 * own checkpoints (every 1000 pages, on commit) copy the WAL into the
 * database but cannot start it again while readers keep coming, so on a
 * busy day it only grows. This thread has its own connection (the one the
 * dispatcher opened, which also holds the database's lock for the
 * server's whole life); it looks at PRAGMA data_version every second and,
 * once nobody has committed for IDLE_SECONDS, checkpoints with TRUNCATE,
 * waiting at most 100 ms for anyone. */
enum { CHECK_EVERY_SECONDS = 1, IDLE_SECONDS = 2 };

struct checkpointer {
	struct db *db;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	bool started;
};

/* Waits a second, or until told to stop; false once told. */
static bool checkpointer_wait(struct checkpointer *c)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += CHECK_EVERY_SECONDS;
	pthread_mutex_lock(&c->lock);
	while (!c->stop && pthread_cond_timedwait(&c->wake, &c->lock, &until) != ETIMEDOUT)
		;
	bool go_on = !c->stop;
	pthread_mutex_unlock(&c->lock);
	return go_on;
}

static void *checkpointer_run(void *arg)
{
	struct checkpointer *c = arg;
	struct db_stamp seen = { -1, -1 };
	/* The WAL may be large from before a restart: empty it once idle. */
	bool pending = true;
	int quiet = 0;
	while (checkpointer_wait(c)) {
		struct db_stamp now;
		/* A statement left mid-result (the school's lookup) would hold
		 * its snapshot open: no change would ever be seen, and the
		 * checkpoint could not finish. */
		db_release(c->db);
		if (db_stamp(c->db, &now) != 0)
			continue;
		if (!db_stamp_equal(&now, &seen)) {
			seen = now;
			quiet = 0;
			pending = true;
		} else if (pending && ++quiet >= IDLE_SECONDS / CHECK_EVERY_SECONDS) {
			/* Busy: somebody is working, try again at the next quiet spell. */
			pending = db_checkpoint(c->db) != 0;
		}
	}
	return NULL;
}

/* Starts the thread with SIGINT and SIGTERM blocked, as web_serve blocks
 * them in its workers, so that the signal reaches the thread waiting for
 * it and the server stops cleanly. */
static void checkpointer_start(struct checkpointer *c, struct db *db)
{
	*c = (struct checkpointer){ .db = db };
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	c->started = pthread_create(&c->thread, NULL, checkpointer_run, c) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!c->started)
		cli_warn("cannot start the checkpointer: the WAL file will not be emptied while serving");
}

static void checkpointer_stop(struct checkpointer *c)
{
	if (c->started) {
		pthread_mutex_lock(&c->lock);
		c->stop = true;
		pthread_cond_signal(&c->wake);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
	}
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
}

/* The start-up check: a damaged database is served for reading only. */
static bool database_damaged(struct cli_ctx *ctx)
{
	struct buf problems = BUF_INIT;
	int health = db_check(ctx->db, false, &problems);
	if (health != 1)
		cli_warn("%s is damaged (quick_check: %.*s): serving what can be read, and answering "
			 "every form with \"nothing can be saved\" until an administrator stops the "
			 "service and " CLI_RESTORE_HINT, ctx->db_path,
			 (int)strcspn(buf_str(&problems), "\n"), buf_str(&problems));
	buf_free(&problems);
	return health != 1;
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "secure-cookies", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "behind-proxy", no_argument, NULL, 'p' },
		{ "upload-limit", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	char address[64] = "127.0.0.1";
	long port = 8080, threads = 4, upload_mb = WEB_UPLOAD_LIMIT_MB;
	bool secure = false, quiet = false, behind_proxy = false;
	int opt;
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'l': {
			const char *colon = strrchr(optarg, ':');
			if (!colon || colon == optarg || (size_t)(colon - optarg) >= sizeof address ||
			    !text_to_int(colon + 1, 0, 65535, &port))
				return cli_usage_error(cmd_serve_usage,
						       "--listen: write it as ADDRESS:PORT, like 127.0.0.1:8080");
			memcpy(address, optarg, (size_t)(colon - optarg));
			address[colon - optarg] = '\0';
			break;
		}
		case 't':
			if (!text_to_int(optarg, 1, 64, &threads))
				return cli_usage_error(cmd_serve_usage, "--threads: 1 to 64");
			break;
		case 'u':
			if (!text_to_int(optarg, 1, WEB_UPLOAD_LIMIT_MAX_MB, &upload_mb))
				return cli_usage_error(cmd_serve_usage, "--upload-limit: 1 to %d (megabytes)",
						       WEB_UPLOAD_LIMIT_MAX_MB);
			break;
		case 's': secure = true; break;
		case 'q': quiet = true; break;
		case 'p': behind_proxy = secure = true; break;
		default: return cli_bad_option(cmd_serve_usage, argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(cmd_serve_usage, "unexpected argument %s", argv[optind]);
	if (!credentials_init())
		return cli_fail(EXIT_USER, "cannot start libsodium");
	/* Off loopback, the proxy in front terminates TLS: cookies go Secure. */
	if (strncmp(address, "127.", 4) != 0)
		secure = true;

	struct web_app app = { .db_path = ctx->db_path, .school_id = ctx->school.id,
			       .secure_cookies = secure, .pinned_today = DATE_NONE,
			       .damaged = database_damaged(ctx),
			       .upload_limit = (size_t)upload_mb * 1024 * 1024 };
	text_copy(app.school_name, sizeof app.school_name, ctx->school.name);
	const char *pinned = getenv("WAYMARK_TODAY");
	if (pinned && *pinned)
		app.pinned_today = cli_today();

	/* The worker threads open their own connections; this one is the
	 * checkpointer's. */
	struct checkpointer checkpointer;
	checkpointer_start(&checkpointer, ctx->db);
	struct web_server_options o = { address, (unsigned short)port, (unsigned)threads,
					quiet ? NULL : stderr, stdout, behind_proxy };
	struct buf err = BUF_INIT;
	int status = web_serve(&app, &o, &err) == 0 ? EXIT_OK : cli_fail(EXIT_USER, "%s", buf_str(&err));
	checkpointer_stop(&checkpointer);
	buf_free(&err);
	return status;
}
