#include "web/http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "util/mem.h"
#include "web/data_cache.h"

/* Limits: enough for a school's use, bounded against abuse. */
enum {
	CONNECTION_LIMIT = 256,
	PER_ADDRESS_LIMIT = 64,       /* a school's proxy may front many staff */
	CONNECTION_TIMEOUT = 30,      /* seconds idle */
	CONNECTION_MEMORY = 256 * 1024,
	POST_BUFFER = 64 * 1024,
	BODY_LIMIT = 64 * 1024 * 1024 /* a trust's register upload */
};

static const char SESSION_COOKIE[] = "waymark_session";

struct server {
	struct web_app *app;
	FILE *access_log;
	bool behind_proxy;
	pthread_key_t worker_key;
	pthread_mutex_t log_lock;
};

/* One request in flight. */
struct conn {
	struct web_request req;
	char *path;
	struct MHD_PostProcessor *post;
	size_t body_bytes;
	bool too_large;
	bool bad_form;
	size_t field_cap, upload_cap;
	struct timespec started;
};

/* What a worker thread keeps between requests: its own connection, and
 * the monitoring data read through it. */
struct worker {
	struct db *db;
	struct data_cache cache;
};

static void worker_free(void *p)
{
	struct worker *w = p;
	data_cache_free(&w->cache);
	db_close(w->db);
	free(w);
}

/* This worker thread's state, its connection opened on first use; NULL
 * when the database cannot be opened. */
static struct worker *worker(struct server *s)
{
	struct worker *w = pthread_getspecific(s->worker_key);
	if (!w) {
		struct buf err = BUF_INIT;
		struct db *db = db_open(s->app->db_path, DB_OPEN_EXISTING, &err);
		buf_free(&err);
		if (!db)
			return NULL;
		w = xcalloc(1, sizeof *w);
		w->db = db;
		pthread_setspecific(s->worker_key, w);
	}
	return w;
}

static void add_field(struct conn *c, const char *name, const char *value, size_t len)
{
	struct web_request *r = &c->req;
	ARRAY_RESERVE(r->fields, c->field_cap, r->field_count + 1);
	r->fields[r->field_count].name = xstrdup(name);
	r->fields[r->field_count].value = xstrndup(value ? value : "", len);
	r->field_count++;
}

static enum MHD_Result collect_argument(void *cls, enum MHD_ValueKind kind, const char *key,
				       const char *value)
{
	(void)kind;
	struct conn *c = cls;
	if (c->req.field_count < 1000)
		add_field(c, key, value, value ? strlen(value) : 0);
	return MHD_YES;
}

static enum MHD_Result collect_post(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *filename, const char *content_type,
				    const char *transfer_encoding, const char *data, uint64_t off,
				    size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct conn *c = cls;
	struct web_request *r = &c->req;
	if (filename) {
		/* A file: chunks arrive in order for the same field. */
		struct web_upload *u = r->upload_count ? &r->uploads[r->upload_count - 1] : NULL;
		if (!u || off == 0 || strcmp(u->field, key) != 0) {
			if (r->upload_count >= 8)
				return MHD_YES;
			ARRAY_RESERVE(r->uploads, c->upload_cap, r->upload_count + 1);
			u = &r->uploads[r->upload_count++];
			*u = (struct web_upload){ xstrdup(key), xstrdup(filename), BUF_INIT };
		}
		buf_append(&u->data, data, size);
		return MHD_YES;
	}
	struct web_field *last = r->field_count ? &r->fields[r->field_count - 1] : NULL;
	if (off > 0 && last && strcmp(last->name, key) == 0) {
		size_t old = strlen(last->value);
		last->value = xreallocarray(last->value, old + size + 1, 1);
		memcpy(last->value + old, data, size);
		last->value[old + size] = '\0';
	} else if (r->field_count < 5000) {
		add_field(c, key, data, size);
	}
	return MHD_YES;
}

static const char *header(struct MHD_Connection *mc, const char *name)
{
	return MHD_lookup_connection_value(mc, MHD_HEADER_KIND, name);
}

static bool loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
	return false;
}

/* The client's address, for the access log and the login throttle. Behind
 * a proxy on this machine, the proxy's X-Real-IP names the client; it is
 * believed only from a loopback peer and only when it is an IP address. */
static void client_address(struct MHD_Connection *mc, bool behind_proxy, char out[64])
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, 64, "unknown");
	if (!info || !info->client_addr)
		return;
	const struct sockaddr *sa = info->client_addr;
	if (behind_proxy && loopback(sa)) {
		const char *real = header(mc, "X-Real-IP");
		unsigned char scratch[sizeof(struct in6_addr)];
		if (real && strlen(real) < 64 &&
		    (inet_pton(AF_INET, real, scratch) == 1 || inet_pton(AF_INET6, real, scratch) == 1)) {
			snprintf(out, 64, "%s", real);
			return;
		}
	}
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, 64);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, 64);
}

static void free_conn(struct conn *c)
{
	if (c->post)
		MHD_destroy_post_processor(c->post);
	for (size_t i = 0; i < c->req.field_count; i++) {
		free(c->req.fields[i].name);
		free(c->req.fields[i].value);
	}
	free(c->req.fields);
	for (size_t i = 0; i < c->req.upload_count; i++) {
		free(c->req.uploads[i].field);
		free(c->req.uploads[i].filename);
		buf_free(&c->req.uploads[i].data);
	}
	free(c->req.uploads);
	free(c->path);
	free(c);
}

static void request_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
			      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	if (*con_cls)
		free_conn(*con_cls);
	*con_cls = NULL;
}

/* Every response carries these. */
static void security_headers(struct MHD_Response *r, const struct web_app *app)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; style-src 'self'; img-src 'self' data:; "
				"script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
				"base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=(), payment=()");
	if (app->secure_cookies)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static void log_request(struct server *s, struct conn *c, const char *method, int status,
			size_t bytes, const char *route)
{
	if (!s->access_log)
		return;
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	long ms = (end.tv_sec - c->started.tv_sec) * 1000 +
		  (end.tv_nsec - c->started.tv_nsec) / 1000000;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	char stamp[32];
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* The route's pattern, never the path: paths name pupils. */
	pthread_mutex_lock(&s->log_lock);
	fprintf(s->access_log, "%s %s %s %s %d %zu %ldms user=%lld\n", stamp, c->req.address,
		method, route, status, bytes, ms, c->req.user_id);
	fflush(s->access_log);
	pthread_mutex_unlock(&s->log_lock);
}

/* Set by web_dispatch for the access log. */
extern __thread const char *web_current_route;
__thread const char *web_current_route;

static enum MHD_Result respond(struct server *s, struct MHD_Connection *mc, struct conn *c,
			       const char *method, struct web_response *resp)
{
	size_t len = resp->body.len;
	char *body = buf_detach(&resp->body);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type",
				resp->content_type ? resp->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control",
				resp->cacheable ? "public, max-age=3600" : "no-store");
	security_headers(r, s->app);
	if (resp->location[0])
		MHD_add_response_header(r, "Location", resp->location);
	if (resp->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", resp->set_cookie);
	if (resp->filename[0]) {
		char disposition[200];
		snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", resp->filename);
		MHD_add_response_header(r, "Content-Disposition", disposition);
	}
	enum MHD_Result ok = MHD_queue_response(mc, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	log_request(s, c, method, resp->status, len,
		    web_current_route ? web_current_route : "(none)");
	return ok;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *mc, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct conn *c = *con_cls;
	if (!c) {
		c = xcalloc(1, sizeof *c);
		clock_gettime(CLOCK_MONOTONIC, &c->started);
		*con_cls = c;
		c->path = xstrdup(url);
		c->req.path = c->path;
		c->req.method = strcmp(method, "GET") == 0 ? WEB_GET
			      : strcmp(method, "HEAD") == 0 ? WEB_HEAD
			      : strcmp(method, "POST") == 0 ? WEB_POST : WEB_OTHER;
		MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_argument, c);
		if (c->req.method == WEB_POST) {
			c->post = MHD_create_post_processor(mc, POST_BUFFER, collect_post, c);
			/* No processor: not a form (or a broken one). */
			c->bad_form = c->post == NULL;
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		c->body_bytes += *upload_data_size;
		if (c->body_bytes > BODY_LIMIT)
			c->too_large = true;
		else if (c->post && MHD_post_process(c->post, upload_data, *upload_data_size) != MHD_YES)
			c->bad_form = true;
		*upload_data_size = 0;
		return MHD_YES;
	}

	struct web_request *req = &c->req;
	req->app = s->app;
	req->session_token = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, SESSION_COOKIE);
	req->origin = header(mc, "Origin");
	req->sec_fetch_site = header(mc, "Sec-Fetch-Site");
	req->host = header(mc, "Host");
	client_address(mc, s->behind_proxy, req->address);
	req->now = (int64_t)time(NULL);
	req->today = s->app->pinned_today != DATE_NONE ? s->app->pinned_today : date_today();
	struct worker *w = worker(s);
	req->db = w ? w->db : NULL;
	req->cache = w ? &w->cache : NULL;

	struct web_response resp = { .status = 200 };
	web_current_route = NULL;
	if (!req->db)
		web_error(req, &resp, 503, "The database cannot be opened. Try again shortly.");
	else if (c->too_large)
		web_error(req, &resp, 413, "That upload is too large: the limit is 64 MB.");
	else if (c->req.method == WEB_POST && c->bad_form)
		web_error(req, &resp, 400, "The form could not be read. Go back and try again.");
	else
		web_dispatch(req, &resp);
	if (req->db)
		db_release(req->db);
	enum MHD_Result ok = respond(s, mc, c, method, &resp);
	buf_free(&resp.body);
	return ok;
}

int web_serve(struct web_app *app, const struct web_server_options *opt, struct buf *err)
{
	struct server s = { .app = app, .access_log = opt->access_log,
			    .behind_proxy = opt->behind_proxy };
	pthread_key_create(&s.worker_key, worker_free);
	pthread_mutex_init(&s.log_lock, NULL);

	/* Workers inherit a mask blocking the signals; this thread waits for them. */
	sigset_t signals;
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);

	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(opt->port) };
	if (inet_pton(AF_INET, opt->address, &addr.sin_addr) != 1) {
		buf_printf(err, "--listen: \"%s\" is not an IPv4 address", opt->address);
		return -1;
	}
	/* One thread is the polling thread itself: no pool option at all (a
	 * pool of one or zero makes libmicrohttpd print a warning). */
	struct MHD_OptionItem pool[] = {
		{ opt->threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, opt->threads, NULL },
		{ MHD_OPTION_END, 0, NULL },
	};
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG,
		opt->port, NULL, NULL, handle, &s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_ARRAY, pool,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		(unsigned)(opt->behind_proxy ? CONNECTION_LIMIT : PER_ADDRESS_LIMIT),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
		MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		buf_printf(err, "cannot listen on %s:%u: %s (is another waymark already running?)",
			   opt->address, opt->port, strerror(errno));
		pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (opt->ready) {
		fprintf(opt->ready, "listening on http://%s:%u/\n", opt->address,
			info ? info->port : opt->port);
		fflush(opt->ready);
	}
	int sig;
	while (sigwait(&signals, &sig) != 0)
		;
	if (opt->access_log)
		fprintf(opt->access_log, "shutting down (signal %d)\n", sig);
	MHD_stop_daemon(d);
	pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
	pthread_key_delete(s.worker_key);
	pthread_mutex_destroy(&s.log_lock);
	return 0;
}
