/*
 * template_cache.c - parsed templates keyed by their text (see
 * template_cache.h). A small table under one mutex: a hit costs a hash of the
 * text and one memcmp; parsing on a miss happens outside the lock. Entries
 * are counted references; the least recently used entry nobody holds makes
 * room for a new one, and when every entry is held the new template is handed
 * out uncached (freed by its put). Beside it, a ring of row keys (database,
 * programme, created_at, config_rev) naming entries, so that a programme's read finds its
 * template without fetching or hashing the text; dropping an entry forgets
 * the keys naming it.
 */
#include "app/programme/template_cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 32
#define KEY_SLOTS 64

struct entry {
	uint64_t hash;
	size_t len;
	char *text;
	struct template *tpl;
	int refs;
	uint64_t used; /* tick of the last hit, for eviction */
};

/* A programme row's key, naming the entry its text was found in. */
struct key {
	struct template_key k;
	struct entry *e; /* NULL: empty */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry slots[CACHE_SLOTS];
static struct key keys[KEY_SLOTS];
static unsigned next_key;
static uint64_t tick;
static unsigned long hits, parses;

/* FNV-1a, 64 bits: a key for the table, confirmed by memcmp. */
static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

static struct entry *find(uint64_t h, const char *json, size_t len)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (slots[i].tpl && slots[i].hash == h && slots[i].len == len && !memcmp(slots[i].text, json, len))
			return &slots[i];
	return NULL;
}

static void drop(struct entry *e)
{
	for (int i = 0; i < KEY_SLOTS; i++)
		if (keys[i].e == e)
			keys[i].e = NULL;
	free(e->text);
	free(e->tpl);
	memset(e, 0, sizeof(*e));
}

/* An empty slot, or the least recently used one nobody holds (emptied); NULL when all are held. */
static struct entry *room(void)
{
	struct entry *best = NULL;
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (!slots[i].tpl)
			return &slots[i];
		if (!slots[i].refs && (!best || slots[i].used < best->used))
			best = &slots[i];
	}
	if (best)
		drop(best);
	return best;
}

static bool same_key(const struct template_key *a, const struct template_key *b)
{
	return a->owner == b->owner && a->id == b->id && a->stamp == b->stamp && a->rev == b->rev;
}

bool template_cache_find(const struct template_key *k, const struct template **out)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < KEY_SLOTS; i++)
		if (keys[i].e && same_key(&keys[i].k, k)) {
			keys[i].e->refs++;
			keys[i].e->used = ++tick;
			hits++;
			*out = keys[i].e->tpl;
			pthread_mutex_unlock(&lock);
			return true;
		}
	pthread_mutex_unlock(&lock);
	return false;
}

/* Name the entry holding t by k (under the lock); nothing when t is not cached. */
static void remember(const struct template_key *k, const struct template *t)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (slots[i].tpl == t) {
			keys[next_key] = (struct key){ *k, &slots[i] };
			next_key = (next_key + 1) % KEY_SLOTS;
			return;
		}
}

int template_cache_get_keyed(const struct template_key *k, const char *json, size_t len,
			     const struct template **out, struct px_err *err)
{
	int rc = template_cache_get(json, len, out, err);
	if (!rc) {
		pthread_mutex_lock(&lock);
		remember(k, *out);
		pthread_mutex_unlock(&lock);
	}
	return rc;
}

int template_cache_get(const char *json, size_t len, const struct template **out, struct px_err *err)
{
	uint64_t h = hash_of(json, len);
	struct template *t = NULL;
	struct entry *e;
	char *text;
	int rc;

	pthread_mutex_lock(&lock);
	if ((e = find(h, json, len))) {
		e->refs++;
		e->used = ++tick;
		hits++;
		*out = e->tpl;
		pthread_mutex_unlock(&lock);
		return 0;
	}
	pthread_mutex_unlock(&lock);

	if ((rc = template_parse(json, len, &t, err)))
		return rc;
	text = malloc(len + 1);
	pthread_mutex_lock(&lock);
	parses++;
	if ((e = find(h, json, len))) { /* another thread parsed it meanwhile */
		e->refs++;
		e->used = ++tick;
		*out = e->tpl;
		pthread_mutex_unlock(&lock);
		free(text);
		free(t);
		return 0;
	}
	if (text && (e = room())) {
		memcpy(text, json, len);
		text[len] = '\0';
		*e = (struct entry){ .hash = h, .len = len, .text = text, .tpl = t, .refs = 1, .used = ++tick };
		text = NULL;
	}
	pthread_mutex_unlock(&lock);
	free(text);
	*out = t;
	return 0;
}

void template_cache_put(const struct template *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (slots[i].tpl == t) {
			slots[i].refs--;
			pthread_mutex_unlock(&lock);
			return;
		}
	pthread_mutex_unlock(&lock);
	free((struct template *)t); /* handed out uncached */
}

void template_cache_stats(struct template_cache_stats *out)
{
	pthread_mutex_lock(&lock);
	out->hits = hits;
	out->parses = parses;
	out->entries = 0;
	for (int i = 0; i < CACHE_SLOTS; i++)
		out->entries += slots[i].tpl != NULL;
	pthread_mutex_unlock(&lock);
}

void template_cache_clear(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (slots[i].tpl && !slots[i].refs)
			drop(&slots[i]);
	pthread_mutex_unlock(&lock);
}
