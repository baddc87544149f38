/* The HTTP server: libmicrohttpd with a small thread pool, each worker
 * with its own SQLite connection. The only file that includes
 * microhttpd.h is http_server.c. */
#ifndef WAYMARK_HTTP_SERVER_H
#define WAYMARK_HTTP_SERVER_H

#include <stdio.h>

#include "web/web.h"

/* `waymark serve --upload-limit MB`: its default, and the most it takes
 * (a file is held in memory for its check once received, and kept in the
 * database until it is confirmed). */
enum { WEB_UPLOAD_LIMIT_MB = 20, WEB_UPLOAD_LIMIT_MAX_MB = 512 };

struct web_server_options {
	const char *address;     /* "127.0.0.1" */
	unsigned short port;     /* 0: any free port */
	unsigned threads;        /* worker threads */
	FILE *access_log;        /* one line per request; NULL for none */
	FILE *ready;             /* gets "listening on http://HOST:PORT/" */
	/* A reverse proxy on this machine fronts every client: take the
	 * client's address from its X-Real-IP header, and leave the per-address
	 * connection limit to the proxy. */
	bool behind_proxy;
};

/* Serves app until SIGINT or SIGTERM, then shuts down cleanly. Returns 0,
 * or -1 with a message in err (the address in use, say). app->upload_limit
 * must be set. Uploads' temporary files go in a private directory made in
 * $TMPDIR (or /tmp) and removed on the way out. */
int web_serve(struct web_app *app, const struct web_server_options *opt, struct buf *err);

#endif
