/*
 * template_cache.h - parsed templates shared by every request.
 *
 * A programme keeps the template text it was created from (programme.config);
 * parsing and validating it costs more than the rest of a typical read. The
 * cache maps template text to its parsed, immutable struct template, so each
 * programme's text is parsed once per process. The text itself is the key
 * (a hash, confirmed byte for byte): when a programme's text changes, the
 * next load misses and parses the new text, and the old entry is dropped
 * once nobody holds it. Thread-safe.
 */
#ifndef PX_APP_TEMPLATE_CACHE_H
#define PX_APP_TEMPLATE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/programme/template.h"

/*
 * The parsed template of this text (parsed now on a miss). *out is shared and
 * read-only; give it back with template_cache_put(). Errors as template_parse.
 */
int template_cache_get(const char *json, size_t len, const struct template **out, struct px_err *err);
void template_cache_put(const struct template *t);

/*
 * A programme's text does not change once created (programme.config is
 * frozen; a hand edit bumps programme.config_rev, migration 0047), so a read
 * need not fetch and hash it again: the cache also finds a template by the
 * row it came from. owner tells databases apart (store_serial), stamp is the
 * row's created_at (a row deleted and made again under the same id is another
 * key), rev its config_rev.
 */
struct template_key {
	uint64_t owner;
	int64_t id, stamp, rev;
};
/* The template of this row when cached (true; give it back with template_cache_put). */
bool template_cache_find(const struct template_key *k, const struct template **out);
/* template_cache_get, then remember k for template_cache_find. */
int template_cache_get_keyed(const struct template_key *k, const char *json, size_t len,
			     const struct template **out, struct px_err *err);

struct template_cache_stats {
	unsigned long hits, parses, entries;
};
void template_cache_stats(struct template_cache_stats *out);

/* Drop every entry nobody holds (tests; shutdown). */
void template_cache_clear(void);

#endif
