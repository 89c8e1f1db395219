/*
 * route_index.c - the routes a path may match (see route_index.h).
 *
 * A route's key is its pattern's number of segments under /api/v1/, its
 * first and its last segment ("*" when the last holds a placeholder); a
 * route whose first segment is a placeholder, or which lies outside
 * /api/v1/, is tried for every path. Each key of the table gets, at build
 * time, the list of every route a path of that key may match: the routes of
 * its own key, those of the same count and first segment with last "*", and
 * the ones tried always, in table order. A lookup hashes the path's key
 * once or twice.
 */
#include "http/route_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char prefix[] = "/api/v1/";

/* The key of a path or pattern: its segment count, first and last segment. */
struct key {
	size_t nseg;
	const char *first, *last;
	size_t first_len, last_len;
};

struct entry {
	char *first, *last; /* NULL: empty slot */
	size_t nseg;
	size_t *list;       /* route indexes, table order */
	size_t n;
};

struct http_route_index {
	struct entry *slots;
	size_t nslots;  /* a power of two */
	size_t *always; /* routes tried for every path */
	size_t nalways;
	size_t nroutes;
};

/*
 * The key of a path or pattern; false when it has none (outside /api/v1/,
 * or a placeholder first). A pattern's last segment becomes "*" when it
 * holds a placeholder; `star` asks for "*" whatever the last segment is.
 */
static bool key_of(const char *p, bool star, struct key *k)
{
	if (strncmp(p, prefix, sizeof(prefix) - 1))
		return false;
	k->first = p + sizeof(prefix) - 1;
	k->first_len = strcspn(k->first, "/");
	if (memchr(k->first, '{', k->first_len))
		return false;
	k->nseg = 1;
	k->last = k->first;
	for (const char *s = k->first; (s = strchr(s, '/')); s++, k->nseg++)
		k->last = s + 1;
	k->last_len = strlen(k->last);
	if (star || memchr(k->last, '{', k->last_len)) {
		k->last = "*";
		k->last_len = 1;
	}
	return true;
}

static uint64_t hash(const struct key *k)
{
	uint64_t h = 0xcbf29ce484222325u ^ k->nseg;
	for (size_t i = 0; i < k->first_len; i++)
		h = (h ^ (unsigned char)k->first[i]) * 0x100000001b3u;
	h = (h ^ '|') * 0x100000001b3u;
	for (size_t i = 0; i < k->last_len; i++)
		h = (h ^ (unsigned char)k->last[i]) * 0x100000001b3u;
	return h;
}

static bool same(const struct entry *e, const struct key *k)
{
	return e->nseg == k->nseg && !strncmp(e->first, k->first, k->first_len) && !e->first[k->first_len] &&
	       !strncmp(e->last, k->last, k->last_len) && !e->last[k->last_len];
}

static struct entry *slot_for(const struct http_route_index *ix, const struct key *k)
{
	size_t i = (size_t)hash(k) & (ix->nslots - 1);
	while (ix->slots[i].first && !same(&ix->slots[i], k))
		i = (i + 1) & (ix->nslots - 1);
	return &ix->slots[i];
}

/* Whether a route of key `rk` (has_key false: tried always) may match a path of key `k`. */
static bool may_match(const struct key *rk, bool has_key, const struct key *k)
{
	if (!has_key)
		return true;
	return rk->nseg == k->nseg && rk->first_len == k->first_len && !memcmp(rk->first, k->first, k->first_len) &&
	       ((rk->last_len == 1 && rk->last[0] == '*') ||
		(rk->last_len == k->last_len && !memcmp(rk->last, k->last, k->last_len)));
}

/* Fill an empty entry for key `k` with every route a path of that key may match. */
static int fill(struct http_route_index *ix, const struct http_route *routes, struct entry *e, const struct key *k)
{
	struct key rk;

	e->nseg = k->nseg;
	if (!(e->first = strndup(k->first, k->first_len)) || !(e->last = strndup(k->last, k->last_len)) ||
	    !(e->list = calloc(ix->nroutes, sizeof(size_t))))
		return -1;
	for (size_t i = 0; i < ix->nroutes; i++)
		if (may_match(&rk, key_of(routes[i].pattern, false, &rk), k))
			e->list[e->n++] = i;
	return 0;
}

struct http_route_index *http_route_index_build(const struct http_route *routes, size_t n)
{
	struct http_route_index *ix = calloc(1, sizeof(*ix));
	struct key k;

	if (!ix)
		return NULL;
	ix->nroutes = n;
	for (ix->nslots = 16; ix->nslots < 4 * n; ix->nslots *= 2)
		;
	if (!(ix->slots = calloc(ix->nslots, sizeof(*ix->slots))) || !(ix->always = calloc(n ? n : 1, sizeof(size_t))))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		if (!key_of(routes[i].pattern, false, &k)) {
			ix->always[ix->nalways++] = i;
			continue;
		}
		struct entry *e = slot_for(ix, &k);
		if (!e->first && fill(ix, routes, e, &k))
			goto fail;
	}
	return ix;
fail:
	http_route_index_free(ix);
	return NULL;
}

void http_route_index_free(struct http_route_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; ix->slots && i < ix->nslots; i++) {
		free(ix->slots[i].first);
		free(ix->slots[i].last);
		free(ix->slots[i].list);
	}
	free(ix->slots);
	free(ix->always);
	free(ix);
}

const size_t *http_route_index_find(const struct http_route_index *ix, const char *path, size_t *n)
{
	struct key k;

	for (int star = 0; star < 2; star++) {
		struct entry *e;
		if (key_of(path, star, &k) && (e = slot_for(ix, &k))->first) {
			*n = e->n;
			return e->list;
		}
	}
	*n = ix->nalways;
	return ix->always;
}
