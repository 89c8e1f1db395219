/*
 * cache.c - the memory of public reads (see cache.h): a fixed table of
 * bodies by path under one mutex. A hit copies the body into the response
 * (or answers 304 with no body); a miss lets the handler run and keeps its
 * answer. The table is bounded: a new path takes an empty slot or the oldest.
 */
#include "http/cache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/request.h"

struct slot {
	char *path;        /* NULL: empty */
	uint64_t gen;      /* store generation the body was rendered under */
	long long born_ms; /* when it was rendered (monotonic) */
	char etag[24];     /* "\"<16 hex>\"" */
	char *body;
	size_t len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
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

static struct slot *slot_of(const char *path)
{
	return &slots[fnv(path, strlen(path)) % HTTP_CACHE_SLOTS];
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
	http_add_public_headers(r, etag);
	r->status = status;
}

bool http_cache_answer(struct http_req *r)
{
	uint64_t gen = app_generation(r->srv->cfg.app);
	const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "If-None-Match");
	struct slot *s = slot_of(r->path);
	bool hit = false;

	r->cache_gen = gen;
	r->cacheable = true;
	pthread_mutex_lock(&lock);
	if (s->path && s->gen == gen && !strcmp(s->path, r->path) && now_ms() - s->born_ms < HTTP_CACHE_MAX_AGE_MS) {
		hit = true;
		if (http_cache_etag_matches(inm, s->etag))
			respond(r, 304, "", 0, s->etag);
		else
			respond(r, 200, s->body, s->len, s->etag);
	}
	pthread_mutex_unlock(&lock);
	return hit && r->response;
}

void http_cache_keep(struct http_req *r, const char *body, size_t len, char etag[24])
{
	struct slot *s = slot_of(r->path);
	char *b = malloc(len + 1), *p = strdup(r->path);

	snprintf(etag, 24, "\"%016llx\"", (unsigned long long)fnv(body, len));
	if (!b || !p) {
		free(b);
		free(p);
		return;
	}
	memcpy(b, body, len);
	b[len] = '\0';
	pthread_mutex_lock(&lock);
	if (s->path && s->gen > r->cache_gen && !strcmp(s->path, r->path)) {
		/* a newer answer is there already */
		pthread_mutex_unlock(&lock);
		free(b);
		free(p);
		return;
	}
	free(s->path);
	free(s->body);
	*s = (struct slot){ .path = p, .gen = r->cache_gen, .born_ms = now_ms(), .body = b, .len = len };
	memcpy(s->etag, etag, sizeof(s->etag));
	pthread_mutex_unlock(&lock);
}
