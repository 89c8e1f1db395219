/*
 * serve.c - the server's life: block the stop signals in every thread, start
 * the HTTP server, announce the URL, wait for SIGTERM or SIGINT, then stop
 * accepting, let requests in flight finish and close the database cleanly.
 */
#include "cli/serve.h"

#include "app/housekeeping.h"
#include "app/vote/vote.h"
#include "http/deadline.h"
#include "http/static.h"
#include "util/file.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SERVE_GRACE_MS 10000

void serve_opts_default(struct serve_opts *o)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->host, sizeof(o->host), "127.0.0.1");
	o->port = 8080;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	o->threads = n > 0 && n < 64 ? (int)n : 2;
	o->access_log = "stderr";
	o->body_max = HTTP_BODY_MAX_DEFAULT;
	o->per_address_max = HTTP_PER_ADDRESS_DEFAULT;
	o->header_deadline = HTTP_HEADER_DEADLINE_DEFAULT;
	o->body_deadline = HTTP_BODY_DEADLINE_DEFAULT;
	o->body_min_rate = HTTP_BODY_MIN_RATE_DEFAULT;
}

int serve_parse_listen(struct serve_opts *o, const char *s, struct px_err *err)
{
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	char *end;
	long p;

	if (colon) {
		size_t n = (size_t)(colon - s);
		if (n >= sizeof(o->host))
			return px_err_set(err, PX_EINVAL, "bad_listen", "listen", "address too long");
		if (n) {
			/* [::1]:8080 */
			if (s[0] == '[' && n >= 2 && s[n - 1] == ']') {
				memcpy(o->host, s + 1, n - 2);
				o->host[n - 2] = '\0';
			} else {
				memcpy(o->host, s, n);
				o->host[n] = '\0';
			}
		}
	}
	errno = 0;
	p = strtol(port, &end, 10);
	if (!*port || *end || errno || p < 0 || p > 65535)
		return px_err_set(err, PX_EINVAL, "bad_listen", "listen", "bad port in '%s'", s);
	o->port = (int)p;
	return 0;
}

const char *serve_web_dir(const struct serve_opts *o, char *buf, size_t cap)
{
	char exe[4096];
	ssize_t n;

	if (o->web_dir)
		return o->web_dir;
	/* build/pingxuan serves build/web */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return "web";
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(buf, cap, "%s/web", slash ? exe : ".");
	return buf;
}

/* The housekeeping thread: runs housekeeping_run() now and every period until stopped. */
struct housekeeper {
	struct app *app;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop, started;
};

static void *housekeeper_main(void *arg)
{
	struct housekeeper *h = arg;
	struct timespec until;

	pthread_mutex_lock(&h->lock);
	while (!h->stop) {
		struct housekeeping_result res;
		struct px_err err = { 0 };
		pthread_mutex_unlock(&h->lock);
		if (housekeeping_run(h->app, &res, &err))
			fprintf(stderr, "pingxuan: housekeeping: %s\n", err.msg);
		else if (res.tmp_files)
			fprintf(stderr, "pingxuan: housekeeping removed %lld stale upload files\n", res.tmp_files);
		pthread_mutex_lock(&h->lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += HOUSEKEEPING_PERIOD_S;
		while (!h->stop && pthread_cond_timedwait(&h->wake, &h->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

static void housekeeper_start(struct housekeeper *h, struct app *app)
{
	memset(h, 0, sizeof(*h));
	h->app = app;
	pthread_mutex_init(&h->lock, NULL);
	pthread_cond_init(&h->wake, NULL);
	h->started = !pthread_create(&h->thread, NULL, housekeeper_main, h);
	if (!h->started)
		fprintf(stderr, "pingxuan: housekeeping not started\n");
}

static void housekeeper_stop(struct housekeeper *h)
{
	if (h->started) {
		pthread_mutex_lock(&h->lock);
		h->stop = true;
		pthread_cond_signal(&h->wake);
		pthread_mutex_unlock(&h->lock);
		pthread_join(h->thread, NULL);
	}
	pthread_mutex_destroy(&h->lock);
	pthread_cond_destroy(&h->wake);
}

/* The UI, or NULL (a page saying how to build it) when the directory holds no build. */
static struct static_site *load_web(const struct serve_opts *o)
{
	char buf[4200];
	const char *dir = serve_web_dir(o, buf, sizeof(buf));
	struct static_site *site = NULL;
	struct px_err err = { 0 };

	if (static_site_load(dir, &site, &err)) {
		fprintf(stderr, "pingxuan: web UI not served from %s: %s (run make)\n", dir, err.msg);
		return NULL;
	}
	fprintf(stderr, "pingxuan: web UI from %s (%zu files, %zu KiB)\n", dir, site->nfiles, site->bytes / 1024);
	return site;
}

int serve_run(struct app *app, const struct serve_opts *o, struct px_err *err)
{
	struct http_server *srv;
	FILE *log = NULL;
	struct static_site *web = NULL;
	struct housekeeper hk;
	sigset_t stop;
	char url[128];
	int rc, sig;

	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL); /* inherited by the server's threads */
	signal(SIGPIPE, SIG_IGN);

	if (!strcmp(o->access_log, "stderr"))
		log = stderr;
	else if (strcmp(o->access_log, "off") && !(log = fopen(o->access_log, "a")))
		return px_err_set(err, PX_EIO, "cannot_open_log", "access-log", "cannot open '%s'",
				  o->access_log);
	if (log && log != stderr)
		setvbuf(log, NULL, _IOLBF, 0);

	struct http_server_config cfg = {
		.host = o->host,
		.port = o->port,
		.threads = o->threads,
		.body_max = o->body_max,
		.per_address_max = o->per_address_max,
		.header_deadline = o->header_deadline,
		.body_deadline = o->body_deadline,
		.body_min_rate = o->body_min_rate,
		.header_max = HTTP_HEADER_MAX_DEFAULT,
		.access_log = log,
		.cookie_secure = o->cookie_secure,
		.trusted_proxy = o->trusted_proxy,
		.routes = http_routes,
		.nroutes = http_routes_count,
		.app = app,
	};
	cfg.web = web = load_web(o);
	cfg.web_enabled = true;
	if ((rc = vote_runtime_start(app, err)))
		goto out;
	rc = http_server_start(&cfg, &srv, err);
	if (rc)
		goto out;
	housekeeper_start(&hk, app);
	snprintf(url, sizeof(url), strchr(o->host, ':') ? "http://[%s]:%d" : "http://%s:%d", o->host,
		 http_server_port(srv));
	if (o->port_file) { /* written whole or not at all: a watcher never reads half a number */
		char port[16];
		int n = snprintf(port, sizeof(port), "%d\n", http_server_port(srv));
		struct px_err perr = { 0 };
		if (file_write_atomic(o->port_file, port, (size_t)n, &perr))
			fprintf(stderr, "pingxuan: %s\n", perr.msg);
	}
	if (o->on_ready)
		rc = o->on_ready(url, o->ctx, err);
	else
		printf("pingxuan: listening on %s\n", url);
	fflush(stdout);

	if (!rc && !o->stop_when_ready) {
		while (sigwait(&stop, &sig) != 0)
			;
		fprintf(stderr, "pingxuan: %s received, finishing requests in flight\n",
			sig == SIGTERM ? "SIGTERM" : "SIGINT");
	}
	housekeeper_stop(&hk);
	http_server_stop(srv, SERVE_GRACE_MS);
	fprintf(stderr, "pingxuan: stopped\n");
out:
	vote_runtime_stop(app); /* after the server: parked votes finish their batches first */
	static_site_free(web);
	if (log && log != stderr)
		fclose(log);
	return rc;
}
