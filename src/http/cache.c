/*
 * cache.c - the memory of kept reads (see cache.h): a fixed table of bodies
 * by path and reader under one reader-writer lock. A hit gives the kept
 * response (or 304 with no body); a miss lets the handler run and keeps its
 * answer. A kept answer's two responses (200, 304) are built once, headers
 * and all, and queued to every reader that adds no header of its own,
 * counted by reference. The table is bounded: a new answer takes its slot.
 */
#include "http/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/request.h"

/*
 * The two responses of a kept answer, built once with their headers and
 * queued to every reader: libmicrohttpd counts the connections sending one,
 * `refs` counts the slot and the requests holding it.
 */
struct http_cache_answer {
	atomic_int refs;
	struct MHD_Response *ok;    /* 200 with the body */
	struct MHD_Response *same;  /* 304, no body */
};

struct slot {
	char *path;        /* NULL: empty */
	int64_t reader;    /* the account it was rendered for, 0: everyone */
	uint64_t gen;      /* store generation the body was rendered under */
	long long born_ms; /* when it was rendered (monotonic) */
	char etag[24];     /* "\"<16 hex>\"" */
	char *body;
	size_t len;
	struct http_cache_answer *answer; /* NULL: built per request */
};

/* readers share it (a hit takes a reference atomically); keeping an answer excludes them */
static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static struct slot slots[HTTP_CACHE_SLOTS];

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* FNV-1a: the table index of a path and the ETag of a body. */
static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

static struct slot *slot_of(const struct http_req *r)
{
	uint64_t h = fnv(r->path, strlen(r->path)) ^ ((uint64_t)r->cache_reader * 0x9e3779b97f4a7c15u);
	return &slots[h % HTTP_CACHE_SLOTS];
}

static bool holds(const struct slot *s, const struct http_req *r)
{
	return s->path && s->reader == r->cache_reader && !strcmp(s->path, r->path);
}

bool http_cache_etag_matches(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	if (!inm)
		return false;
	for (const char *p = inm; *p;) {
		p += strspn(p, " \t,");
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (*p == '*' || (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ')))
			return true;
		p += strcspn(p, ",");
	}
	return false;
}

static void respond(struct http_req *r, int status, const char *body, size_t len, const char *etag)
{
	r->response = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (!r->response)
		return;
	if (r->cache_private) {
		http_api_headers(r->response);
		for (struct http_header_kv *h = r->headers; h; h = h->next)
			MHD_add_response_header(r->response, h->name, h->value);
	} else {
		http_add_public_headers(r, etag);
	}
	r->status = status;
}

/* Drop a reference to a kept answer; the last one frees it. */
static void answer_drop(struct http_cache_answer *a)
{
	if (!a || atomic_fetch_sub(&a->refs, 1) > 1)
		return;
	MHD_destroy_response(a->ok);
	MHD_destroy_response(a->same);
	free(a);
}

void http_cache_release(struct http_cache_answer *a)
{
	answer_drop(a);
}

/* The kept responses of a body, or NULL (then each hit builds its own). */
static struct http_cache_answer *answer_build(const char *body, size_t len, const char *etag, bool private)
{
	struct http_cache_answer *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	atomic_init(&a->refs, 1);
	a->ok = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	a->same = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!a->ok || !a->same) {
		if (a->ok)
			MHD_destroy_response(a->ok);
		if (a->same)
			MHD_destroy_response(a->same);
		free(a);
		return NULL;
	}
	if (private) { /* personal: never stored by a browser, so never asked for by ETag */
		http_api_headers(a->ok);
		http_api_headers(a->same);
	} else {
		http_public_headers(a->ok, etag);
		http_public_headers(a->same, etag);
	}
	return a;
}

/* A hit: the kept response when the request adds no header of its own, else a copy. */
static void hit(struct http_req *r, struct slot *s, bool same)
{
	if (s->answer && !r->headers) {
		atomic_fetch_add(&s->answer->refs, 1);
		r->shared = s->answer;
		r->response = same ? s->answer->same : s->answer->ok;
		r->status = same ? 304 : 200;
		return;
	}
	if (same)
		respond(r, 304, "", 0, s->etag);
	else
		respond(r, 200, s->body, s->len, s->etag);
}

bool http_cache_answer(struct http_req *r, int64_t reader)
{
	uint64_t gen = app_generation(r->srv->cfg.app);
	const char *inm;
	struct slot *s;
	bool found = false;

	r->cache_gen = gen;
	r->cacheable = true;
	r->cache_reader = reader;
	r->cache_private = reader != 0;
	inm = r->cache_private ? NULL : MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-None-Match");
	s = slot_of(r);
	pthread_rwlock_rdlock(&lock);
	if (holds(s, r) && s->gen == gen && now_ms() - s->born_ms < HTTP_CACHE_MAX_AGE_MS) {
		found = true;
		hit(r, s, http_cache_etag_matches(inm, s->etag));
	}
	pthread_rwlock_unlock(&lock);
	return found && r->response;
}

void http_cache_keep(struct http_req *r, const char *body, size_t len, char etag[24])
{
	struct slot *s = slot_of(r);
	char *b = malloc(len + 1), *p = strdup(r->path);

	snprintf(etag, 24, "\"%016llx\"", (unsigned long long)fnv(body, len));
	if (!b || !p) {
		free(b);
		free(p);
		return;
	}
	memcpy(b, body, len);
	b[len] = '\0';
	struct http_cache_answer *a = answer_build(b, len, etag, r->cache_private);
	pthread_rwlock_wrlock(&lock);
	if (holds(s, r) && s->gen > r->cache_gen) {
		/* a newer answer is there already */
		answer_drop(a);
		pthread_rwlock_unlock(&lock);
		free(b);
		free(p);
		return;
	}
	free(s->path);
	free(s->body);
	answer_drop(s->answer);
	*s = (struct slot){ .path = p, .reader = r->cache_reader, .gen = r->cache_gen, .born_ms = now_ms(), .body = b, .len = len, .answer = a };
	memcpy(s->etag, etag, sizeof(s->etag));
	pthread_rwlock_unlock(&lock);
}
