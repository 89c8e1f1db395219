/*
 * counts.c - the public counts answer kept ready per programme: its JSON
 * text and ETag, so that a read during the vote costs a lookup and a copy.
 * An answer is kept under a key read before it was rendered: the
 * programme's count version (bumped after each batch of the programme that
 * stored votes) and the node's other writes (the store's write generation
 * less the vote's own commits that change no counts: batches, codes,
 * sessions). A batch of another programme, a code or a session does not make
 * it stale; a quarantine decision, a snapshot or any other write on this
 * node does, and an answer is rendered again after VOTE_COUNTS_MAX_AGE_US so
 * that another node's votes (and the hour of a daily snapshot) show within
 * that bound.
 */
#include "app/vote/internal.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/json.h"

/* The programme's entry (made, or the oldest taken, when absent). Hold rt->clock. */
static struct vote_counts_entry *entry_of(struct vote_runtime *rt, int64_t programme_id)
{
	struct vote_counts_entry *oldest = &rt->counts[0];
	for (int i = 0; i < rt->ncounts; i++) {
		if (rt->counts[i].programme_id == programme_id)
			return &rt->counts[i];
		if (rt->counts[i].born_us < oldest->born_us)
			oldest = &rt->counts[i];
	}
	if (rt->ncounts < VOTE_RT_PROGRAMMES)
		oldest = &rt->counts[rt->ncounts++];
	free(oldest->body);
	*oldest = (struct vote_counts_entry){ .programme_id = programme_id };
	return oldest;
}

void vote_counts_changed(struct vote_runtime *rt, int64_t programme_id)
{
	pthread_mutex_lock(&rt->clock);
	entry_of(rt, programme_id)->version++;
	pthread_mutex_unlock(&rt->clock);
}

uint64_t vote_other_writes(struct vote_runtime *rt)
{
	return app_generation(rt->app) - atomic_load(&rt->quiet);
}

/* FNV-1a of the body, quoted: the ETag (as the public cache of http/ makes it). */
static void etag_of(const char *body, size_t len, char etag[24])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)body[i]) * 0x100000001b3u;
	snprintf(etag, 24, "\"%016llx\"", (unsigned long long)h);
}

/* A copy of the kept answer when it still holds: true. */
static bool kept(struct vote_runtime *rt, int64_t programme_id, uint64_t *version, uint64_t *other, char **body,
		 size_t *len, char etag[24])
{
	bool hit = false;
	pthread_mutex_lock(&rt->clock);
	struct vote_counts_entry *e = entry_of(rt, programme_id);
	*version = e->version;
	*other = vote_other_writes(rt);
	if (e->body && e->key_version == *version && e->key_other == *other &&
	    store_now_us() - e->born_us < VOTE_COUNTS_MAX_AGE_US && (*body = malloc(e->len + 1))) {
		memcpy(*body, e->body, e->len + 1);
		*len = e->len;
		memcpy(etag, e->etag, 24);
		hit = true;
	}
	pthread_mutex_unlock(&rt->clock);
	return hit;
}

static void keep(struct vote_runtime *rt, int64_t programme_id, uint64_t version, uint64_t other, const char *body,
		 size_t len, const char etag[24])
{
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, body, len + 1);
	pthread_mutex_lock(&rt->clock);
	struct vote_counts_entry *e = entry_of(rt, programme_id);
	free(e->body);
	e->body = copy;
	e->len = len;
	e->key_version = version;
	e->key_other = other;
	e->born_us = store_now_us();
	memcpy(e->etag, etag, 24);
	pthread_mutex_unlock(&rt->clock);
}

int vote_counts_text(struct app *app, int64_t programme_id, char **body, size_t *len, char etag[24],
		     struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	uint64_t version = 0, other = 0;
	json_t *out = NULL;
	int rc;

	*body = NULL;
	if (rt && kept(rt, programme_id, &version, &other, body, len, etag))
		return 0;
	if ((rc = vote_counts_json(app, programme_id, &out, err)))
		return rc;
	*body = json_compact(out, len);
	json_decref(out);
	if (!*body)
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	etag_of(*body, *len, etag);
	if (rt)
		keep(rt, programme_id, version, other, *body, *len, etag);
	return 0;
}
