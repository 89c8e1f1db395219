/*
 * test_http_park.c - a handler may park a request and answer it later from
 * another thread (libmicrohttpd suspend/resume), holding no worker thread
 * meanwhile; a stopping server lets parked requests finish. The public vote
 * path relies on this to answer only after its batch is durable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/server.h"

static long long ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct later {
	struct http_req *r;
	int delay_ms;
};

static void *resume_later(void *arg)
{
	struct later *l = arg;
	usleep((useconds_t)l->delay_ms * 1000);
	http_resume_json(l->r, 200, json_pack("{s:b}", "parked", 1));
	free(l);
	return NULL;
}

static int park_delay_ms = 300;

static void h_park(struct http_req *r)
{
	struct later *l = malloc(sizeof(*l));
	pthread_t t;
	l->r = r;
	l->delay_ms = park_delay_ms;
	http_park(r);
	pthread_create(&t, NULL, resume_later, l);
	pthread_detach(t);
}

/* A resume that lands before the handler has even returned must work too. */
static void h_park_instant(struct http_req *r)
{
	http_park(r);
	http_resume_json(r, 200, json_pack("{s:b}", "instant", 1));
}

static void h_quick(struct http_req *r)
{
	http_reply_json(r, 200, json_pack("{s:b}", "quick", 1));
}

static const struct http_route routes[] = {
	{ "GET", "/park", h_park, ROLES_ANY, 0 },
	{ "GET", "/instant", h_park_instant, ROLES_ANY, 0 },
	{ "GET", "/quick", h_quick, ROLES_ANY, 0 },
};

struct fetch {
	char url[128];
	long status;
	char body[256];
	size_t len;
	long long done_ms;
};

static size_t sink(char *p, size_t sz, size_t n, void *ud)
{
	struct fetch *f = ud;
	size_t k = sz * n;
	if (f->len + k < sizeof(f->body)) {
		memcpy(f->body + f->len, p, k);
		f->len += k;
		f->body[f->len] = '\0';
	}
	return k;
}

static void *do_fetch(void *arg)
{
	struct fetch *f = arg;
	CURL *c = curl_easy_init();
	curl_easy_setopt(c, CURLOPT_URL, f->url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &f->status);
	f->done_ms = ms_now();
	curl_easy_cleanup(c);
	return NULL;
}

static struct http_server *start(void)
{
	struct http_server_config cfg = {
		.host = "127.0.0.1", .port = 0, .threads = 1, .body_max = 1024,
		.header_max = HTTP_HEADER_MAX_DEFAULT, .routes = routes,
		.nroutes = sizeof(routes) / sizeof(routes[0]),
	};
	struct http_server *srv = NULL;
	struct px_err err = { 0 };
	assert_int_equal(http_server_start(&cfg, &srv, &err), 0);
	return srv;
}

static void parked_request_holds_no_thread(void **state)
{
	(void)state;
	struct http_server *srv = start(); /* ONE worker thread */
	struct fetch park = { 0 }, quick = { 0 };
	pthread_t tp, tq;
	snprintf(park.url, sizeof(park.url), "http://127.0.0.1:%d/park", http_server_port(srv));
	snprintf(quick.url, sizeof(quick.url), "http://127.0.0.1:%d/quick", http_server_port(srv));

	long long t0 = ms_now();
	pthread_create(&tp, NULL, do_fetch, &park);
	usleep(50 * 1000); /* the parked request is in */
	pthread_create(&tq, NULL, do_fetch, &quick);
	pthread_join(tq, NULL);
	pthread_join(tp, NULL);

	assert_int_equal(quick.status, 200);
	assert_int_equal(park.status, 200);
	assert_string_equal(park.body, "{\"parked\":true}");
	/* the quick request was served while the other was parked on the only thread */
	assert_true(quick.done_ms < park.done_ms);
	assert_true(quick.done_ms - t0 < 250);
	assert_true(park.done_ms - t0 >= 280);
	http_server_stop(srv, 1000);
}

static void resume_before_suspend(void **state)
{
	(void)state;
	struct http_server *srv = start();
	for (int i = 0; i < 50; i++) {
		struct fetch f = { 0 };
		snprintf(f.url, sizeof(f.url), "http://127.0.0.1:%d/instant", http_server_port(srv));
		do_fetch(&f);
		assert_int_equal(f.status, 200);
		assert_string_equal(f.body, "{\"instant\":true}");
	}
	http_server_stop(srv, 1000);
}

static void stop_waits_for_parked_requests(void **state)
{
	(void)state;
	struct http_server *srv = start();
	struct fetch park = { 0 };
	pthread_t tp;
	snprintf(park.url, sizeof(park.url), "http://127.0.0.1:%d/park", http_server_port(srv));
	pthread_create(&tp, NULL, do_fetch, &park);
	usleep(100 * 1000);
	long long t0 = ms_now();
	http_server_stop(srv, 3000); /* in flight: must be answered, not cut */
	long long stopped = ms_now() - t0;
	pthread_join(tp, NULL);
	assert_int_equal(park.status, 200);
	assert_true(stopped >= 150);
	assert_true(stopped < 2500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parked_request_holds_no_thread),
		cmocka_unit_test(resume_before_suspend),
		cmocka_unit_test(stop_waits_for_parked_requests),
	};
	curl_global_init(CURL_GLOBAL_DEFAULT);
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}
