#include "web/http_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/mem.h"
#include "web/data_cache.h"

/* Limits, enforced before any work is done for a request: what a client
 * may hold and send before it has signed in. docs/limits.md lists them and
 * says why each value; keep the two together. */
enum {
	CONNECTION_LIMIT = 256,       /* connections in all */
	PER_ADDRESS_LIMIT = 32,       /* connections from one client address */
	CONNECTION_TIMEOUT = 10,      /* seconds without a byte: headers, forms, keep-alive */
	UPLOAD_TIMEOUT = 60,          /* the same during an upload web_may_upload allowed */
	/* Each connection's buffer: the request line and headers must fit
	 * in it, or libmicrohttpd itself answers 431 (414 for a long URL). */
	CONNECTION_MEMORY = 32 * 1024,
	POST_BUFFER = 16 * 1024,      /* the form parser's: part headers, field names */
	FORM_LIMIT = 64 * 1024,       /* a form's whole body; any one field's value */
	QUERY_FIELDS = 1000,          /* fields kept from the query string */
	FORM_FIELDS = 5000,           /* fields kept from a form */
	UPLOADS = 8,                  /* files kept from one upload */
};

static const char SESSION_COOKIE[] = "waymark_session";

struct server {
	struct web_app *app;
	FILE *access_log;
	bool behind_proxy;
	char upload_dir[PATH_MAX]; /* private (0700): uploads' temporary files */
	pthread_key_t worker_key;
	pthread_mutex_t log_lock;
};

/* One request in flight. */
struct conn {
	struct web_request req;
	char *path;
	struct MHD_PostProcessor *post;
	size_t body_limit;      /* bytes the body may have: FORM_LIMIT or the upload limit */
	size_t body_bytes;      /* bytes of body received */
	bool takes_files;       /* web_may_upload said yes: files are kept */
	bool too_large;         /* the body is over its limit: answered, or closed */
	bool field_too_long;    /* a field's value is over FORM_LIMIT */
	bool bad_form;
	bool store_failed;      /* an upload's temporary file could not be written */
	/* The value of the field last begun, while its pieces arrive: it
	 * grows here (its length known, so each piece costs its own size)
	 * and is copied into the field when the next begins or the form
	 * ends. */
	struct buf value;
	bool value_open;
	bool file_open;         /* pieces of the last file part are being kept */
	size_t field_cap, upload_cap;
	const char *upload_dir;
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
	if (c->req.field_count < QUERY_FIELDS)
		add_field(c, key, value, value ? strlen(value) : 0);
	return MHD_YES;
}

/* Moves the value of the field being received into the field. */
static void close_field(struct conn *c)
{
	if (!c->value_open)
		return;
	struct web_field *f = &c->req.fields[c->req.field_count - 1];
	free(f->value);
	f->value = xstrndup(buf_str(&c->value), c->value.len);
	buf_reset(&c->value);
	c->value_open = false;
}

/* A piece of a form field's value: off > 0 continues the field begun
 * last; off == 0 begins a new one (names may repeat). Fields past
 * FORM_FIELDS are dropped; a value over FORM_LIMIT makes the request too
 * large. */
static void collect_field(struct conn *c, const char *key, const char *data, uint64_t off,
			  size_t size)
{
	struct web_request *r = &c->req;
	bool more = off > 0 && c->value_open && strcmp(r->fields[r->field_count - 1].name, key) == 0;
	if (!more) {
		close_field(c);
		if (r->field_count >= FORM_FIELDS)
			return;
		add_field(c, key, "", 0);
		c->value_open = true;
	}
	if (size > FORM_LIMIT - c->value.len) {
		c->field_too_long = true;
		return;
	}
	buf_append(&c->value, data, size);
}

/* A temporary file for an upload, made in dir and unlinked at once: it
 * lasts as long as its descriptor. -1 if it cannot be made. */
static int upload_file(const char *dir)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/upload.XXXXXX", dir) >= (int)sizeof path)
		return -1;
	int fd = mkostemp(path, O_CLOEXEC); /* mode 0600 */
	if (fd >= 0)
		unlink(path);
	return fd;
}

static bool write_all(int fd, const char *data, size_t size)
{
	while (size > 0) {
		ssize_t n = write(fd, data, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		size -= (size_t)n;
	}
	return true;
}

/* A piece of a file sent with the form: written to the file's temporary
 * file, on a route that takes files; dropped on any other, and after
 * UPLOADS files. */
static void collect_file(struct conn *c, const char *key, const char *filename,
			 const char *data, uint64_t off, size_t size)
{
	struct web_request *r = &c->req;
	if (!c->takes_files)
		return;
	if (off == 0) {
		c->file_open = false;
		if (r->upload_count >= UPLOADS)
			return;
		int fd = upload_file(c->upload_dir);
		if (fd < 0) {
			c->store_failed = true;
			return;
		}
		ARRAY_RESERVE(r->uploads, c->upload_cap, r->upload_count + 1);
		r->uploads[r->upload_count++] = (struct web_upload){ xstrdup(key), xstrdup(filename), fd, 0 };
		c->file_open = true;
	}
	struct web_upload *u = &r->uploads[r->upload_count - 1];
	if (!c->file_open || strcmp(u->field, key) != 0)
		return;
	if (!write_all(u->fd, data, size)) {
		c->store_failed = true;
		c->file_open = false;
		return;
	}
	u->size += size;
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
	if (filename) {
		close_field(c);
		collect_file(c, key, filename, data, off, size);
	} else {
		c->file_open = false;
		collect_field(c, key, data, off, size);
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
		close(c->req.uploads[i].fd);
	}
	free(c->req.uploads);
	buf_free(&c->value);
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

/* What every request is told from its headers: who sent it, with what
 * session, when, and this worker's database connection. */
static void request_headers(struct server *s, struct MHD_Connection *mc, struct web_request *req)
{
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
}

/* The body's length as the client declared it; 0 when it did not (a
 * chunked body is counted as it arrives), UINT64_MAX when it is too big
 * to hold. */
static uint64_t declared_length(struct MHD_Connection *mc)
{
	const char *v = header(mc, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (!v || *v < '0' || *v > '9')
		return 0;
	errno = 0;
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	return errno == ERANGE ? UINT64_MAX : (uint64_t)n;
}

/* 413, with a short page that needs no database (req->user is NULL: no
 * menu). */
static void too_large_page(struct server *s, struct conn *c, struct web_response *resp)
{
	char message[300];
	snprintf(message, sizeof message,
		 "That was too much to send at once. A form may send up to %d KB, and any one "
		 "field of it as much; an import file, sent by someone signed in who may import, "
		 "up to %zu MB.",
		 FORM_LIMIT / 1024, s->app->upload_limit / (1024 * 1024));
	web_error(&c->req, resp, 413, message);
}

static enum MHD_Result refuse_too_large(struct server *s, struct MHD_Connection *mc,
					struct conn *c, const char *method)
{
	struct web_response resp = { .status = 413 };
	too_large_page(s, c, &resp);
	web_current_route = "(too large)";
	enum MHD_Result ok = respond(s, mc, c, method, &resp);
	buf_free(&resp.body);
	return ok;
}

/* The first call, with the headers in and none of the body: decides what
 * the request may send, and refuses a declared body over that at once,
 * before any of it is read (the client is answered 413 and the
 * connection closed). Only an upload web_may_upload allowed may send more
 * than a form, keep files, or pause longer between pieces. */
static enum MHD_Result begin_request(struct server *s, struct MHD_Connection *mc,
				     const char *url, const char *method, void **con_cls)
{
	struct conn *c = xcalloc(1, sizeof *c);
	clock_gettime(CLOCK_MONOTONIC, &c->started);
	*con_cls = c;
	c->path = xstrdup(url);
	c->upload_dir = s->upload_dir;
	c->req.path = c->path;
	c->req.method = strcmp(method, "GET") == 0 ? WEB_GET
		      : strcmp(method, "HEAD") == 0 ? WEB_HEAD
		      : strcmp(method, "POST") == 0 ? WEB_POST : WEB_OTHER;
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_argument, c);
	request_headers(s, mc, &c->req);
	c->takes_files = c->req.db && web_may_upload(&c->req);
	if (c->req.db)
		db_release(c->req.db);
	c->body_limit = c->takes_files ? s->app->upload_limit : FORM_LIMIT;
	if (declared_length(mc) > c->body_limit) {
		c->too_large = true;
		return refuse_too_large(s, mc, c, method);
	}
	if (c->takes_files)
		MHD_set_connection_option(mc, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)UPLOAD_TIMEOUT);
	if (c->req.method == WEB_POST) {
		c->post = MHD_create_post_processor(mc, POST_BUFFER, collect_post, c);
		/* No processor: not a form (or a broken one). */
		c->bad_form = c->post == NULL;
	}
	return MHD_YES;
}

/* A piece of the body. A body that grows past the request's limit (a
 * chunked one, whose length was not declared) closes the connection
 * there and then: libmicrohttpd 0.9.75 refuses MHD_queue_response while a
 * body is arriving (it answers MHD_NO and reports "internal error"), so
 * returning MHD_NO, which closes the connection, is all that can be done.
 * A field's value over FORM_LIMIT in a body within its limit (a long text
 * field sent with an import file) is not kept, and the rest of the body
 * is read and dropped so that the client can be answered 413. */
static enum MHD_Result receive_body(struct server *s, struct conn *c, const char *method,
				    const char *data, size_t *size)
{
	size_t n = *size;
	*size = 0;
	if (n > c->body_limit - c->body_bytes) {
		c->too_large = true;
		log_request(s, c, method, 413, 0, "(too large, closed)");
		return MHD_NO;
	}
	c->body_bytes += n;
	if (c->post && !c->bad_form && !c->field_too_long &&
	    MHD_post_process(c->post, data, n) != MHD_YES)
		c->bad_form = true;
	return MHD_YES;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *mc, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct conn *c = *con_cls;
	if (!c)
		return begin_request(s, mc, url, method, con_cls);
	if (c->too_large)
		return MHD_NO; /* answered or closed already */
	if (*upload_data_size)
		return receive_body(s, c, method, upload_data, upload_data_size);

	struct web_request *req = &c->req;
	close_field(c);
	/* The same worker thread as the first call, but an upload takes time. */
	request_headers(s, mc, req);
	struct web_response resp = { .status = 200 };
	web_current_route = NULL;
	if (c->field_too_long) {
		too_large_page(s, c, &resp);
		web_current_route = "(too large)";
	} else if (!req->db)
		web_error(req, &resp, 503, "The database cannot be opened. Try again shortly.");
	else if (c->req.method == WEB_POST && c->bad_form)
		web_error(req, &resp, 400, "The form could not be read. Go back and try again.");
	else if (c->store_failed)
		web_error(req, &resp, 503, "The file could not be kept while it arrived (the server may be short of disk space). Try again later.");
	else
		web_dispatch(req, &resp);
	if (req->db)
		db_release(req->db);
	enum MHD_Result ok = respond(s, mc, c, method, &resp);
	buf_free(&resp.body);
	return ok;
}

/* A private directory (0700) for uploads' temporary files, made afresh
 * in $TMPDIR (or /tmp) for this server. false with a message in err. */
static bool make_upload_dir(char out[PATH_MAX], struct buf *err)
{
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	errno = ENAMETOOLONG;
	if (snprintf(out, PATH_MAX, "%s/waymark-uploads.XXXXXX", tmp) >= PATH_MAX || !mkdtemp(out)) {
		buf_printf(err, "cannot make a directory for uploads in %s: %s", tmp, strerror(errno));
		return false;
	}
	return true;
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
	if (!make_upload_dir(s.upload_dir, err)) {
		pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
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
		rmdir(s.upload_dir);
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
	/* Empty: every upload's file was unlinked as it was made. */
	rmdir(s.upload_dir);
	pthread_sigmask(SIG_UNBLOCK, &signals, NULL);
	pthread_key_delete(s.worker_key);
	pthread_mutex_destroy(&s.log_lock);
	return 0;
}
