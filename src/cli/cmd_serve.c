/* waymark serve: the web application. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

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
			       .upload_limit = (size_t)upload_mb * 1024 * 1024 };
	snprintf(app.school_name, sizeof app.school_name, "%s", ctx->school.name);
	const char *pinned = getenv("WAYMARK_TODAY");
	if (pinned && *pinned)
		app.pinned_today = cli_today();
	/* The worker threads open their own connections. */
	db_close(ctx->db);
	ctx->db = NULL;

	struct web_server_options o = { address, (unsigned short)port, (unsigned)threads,
					quiet ? NULL : stderr, stdout, behind_proxy };
	struct buf err = BUF_INIT;
	int status = web_serve(&app, &o, &err) == 0 ? EXIT_OK : cli_fail(EXIT_USER, "%s", buf_str(&err));
	buf_free(&err);
	return status;
}
