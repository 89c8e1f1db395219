/*
 * counts.c - the public counts answer kept ready per programme: its JSON
 * text and ETag, so that a read during the vote costs a lookup and a copy.
 *
 * The writer keeps it current. Before a batch of the programme it marks the
 * answer in flight; after the commit it adds the batch's counted votes to
 * the kept live answer and makes its text and ETag again (no read of the
 * database), or, when the kept answer no longer holds (another write, its
 * age), renders it afresh from the database if it was read in the last
 * second. Readers answer from it while it holds: rendered under the same
 * count version (the programme's batches), the same other writes of the
 * node (the store's write generation less the vote's own commits that
 * change no counts: batches, codes, sessions) and less than
 * VOTE_COUNTS_MAX_AGE_US ago, so that a quarantine decision, a snapshot or
 * a candidate's change shows at once and another node's votes (or the hour
 * of a daily snapshot) within a second. A reader that finds none renders it
 * and keeps it only if no batch of the programme was in flight from before
 * its read until after it, so that a kept answer always holds exactly the
 * batches of its version. A daily snapshot's answer does not move with the
 * batches at all.
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
	json_decref(oldest->doc);
	*oldest = (struct vote_counts_entry){ .programme_id = programme_id };
	return oldest;
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

/* Does the kept answer hold? Hold rt->clock. */
static bool holds(struct vote_runtime *rt, const struct vote_counts_entry *e)
{
	return e->body && e->key_version == e->version && e->key_other == vote_other_writes(rt) &&
	       store_now_us() - e->born_us < VOTE_COUNTS_MAX_AGE_US;
}

/* A copy of the kept answer when it holds: true. Otherwise the key to render under. */
static bool kept(struct vote_runtime *rt, int64_t programme_id, uint64_t *version, uint64_t *other, bool *inflight,
		 char **body, size_t *len, char etag[24])
{
	bool hit = false;
	pthread_mutex_lock(&rt->clock);
	struct vote_counts_entry *e = entry_of(rt, programme_id);
	e->read_us = store_now_us();
	*version = e->version;
	*other = vote_other_writes(rt);
	*inflight = e->inflight;
	if (holds(rt, e) && (*body = malloc(e->len + 1))) {
		memcpy(*body, e->body, e->len + 1);
		*len = e->len;
		memcpy(etag, e->etag, 24);
		hit = true;
	}
	pthread_mutex_unlock(&rt->clock);
	return hit;
}

/* Keep a rendered answer as the entry's. Hold rt->clock. */
static void put(struct vote_counts_entry *e, uint64_t version, uint64_t other, json_t *doc, char *body, size_t len,
		const char etag[24])
{
	const char *policy = json_string_value(json_object_get(doc, "policy"));
	free(e->body);
	json_decref(e->doc);
	/* live counts only: a daily snapshot does not move with the batches */
	e->daily = !policy || strcmp(policy, "live");
	e->doc = e->daily ? NULL : json_incref(doc);
	e->body = body;
	e->len = len;
	e->key_version = version;
	e->key_other = other;
	e->born_us = store_now_us();
	memcpy(e->etag, etag, 24);
}

static void keep(struct vote_runtime *rt, int64_t programme_id, uint64_t version, uint64_t other, json_t *doc,
		 const char *body, size_t len, const char etag[24])
{
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, body, len + 1);
	pthread_mutex_lock(&rt->clock);
	struct vote_counts_entry *e = entry_of(rt, programme_id);
	if (e->inflight || e->version != version) { /* a batch came between: the answer may hold it or not */
		free(copy);
		copy = NULL;
	}
	if (copy)
		put(e, version, other, doc, copy, len, etag);
	pthread_mutex_unlock(&rt->clock);
}

/* Render the answer from the database: its document, text and ETag. */
static int render(struct app *app, int64_t programme_id, json_t **doc, char **body, size_t *len, char etag[24],
		  struct px_err *err)
{
	int rc = vote_counts_json(app, programme_id, doc, err);
	if (rc)
		return rc;
	if (!(*body = json_compact(*doc, len))) {
		json_decref(*doc);
		*doc = NULL;
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	}
	etag_of(*body, *len, etag);
	return 0;
}

int vote_counts_text(struct app *app, int64_t programme_id, char **body, size_t *len, char etag[24],
		     struct px_err *err)
{
	struct vote_runtime *rt = app->vote;
	uint64_t version = 0, other = 0;
	bool inflight = true;
	json_t *doc = NULL;
	int rc;

	*body = NULL;
	if (rt && kept(rt, programme_id, &version, &other, &inflight, body, len, etag))
		return 0;
	if ((rc = render(app, programme_id, &doc, body, len, etag, err)))
		return rc;
	if (rt && !inflight)
		keep(rt, programme_id, version, other, doc, *body, *len, etag);
	json_decref(doc);
	return 0;
}

void vote_counts_begin(struct vote_runtime *rt, int64_t programme_id)
{
	pthread_mutex_lock(&rt->clock);
	entry_of(rt, programme_id)->inflight = true;
	pthread_mutex_unlock(&rt->clock);
}

/* Add n to every line of candidate in the kept answer's tracks; false when it has none. */
static bool add_valid(json_t *doc, int64_t candidate, int64_t n)
{
	json_t *tracks = json_object_get(doc, "tracks"), *list, *v;
	const char *track;
	bool found = false;
	size_t i;
	json_object_foreach(tracks, track, list)
		json_array_foreach(list, i, v)
			if (json_integer_value(json_object_get(v, "id")) == candidate) {
				json_object_set_new(v, "valid", json_integer(json_integer_value(json_object_get(v, "valid")) + n));
				found = true;
			}
	return found;
}

/* The kept answer's text made again from its document: false when it cannot be (left stale). Hold rt->clock. */
static bool text_again(struct vote_counts_entry *e)
{
	size_t len;
	char *text = json_compact(e->doc, &len);
	if (!text)
		return false;
	free(e->body);
	e->body = text;
	e->len = len;
	etag_of(text, len, e->etag);
	return true;
}

/* The batch's counted votes into the kept live answer, when it held until the batch. Hold rt->clock. */
static bool add_batch(struct vote_runtime *rt, struct vote_counts_entry *e, const int64_t *candidates, const int64_t *n,
		      size_t k)
{
	if (e->daily) /* the day's snapshot: votes wait for the next one */
		return holds(rt, e);
	bool ok = e->doc && holds(rt, e);
	for (size_t i = 0; ok && i < k; i++)
		ok = add_valid(e->doc, candidates[i], n[i]); /* a candidate it does not show: render it afresh */
	return ok && (!k || text_again(e));
}

void vote_counts_end(struct vote_runtime *rt, int64_t programme_id, bool committed, const int64_t *candidates,
		     const int64_t *n, size_t k)
{
	bool added, wanted;
	json_t *doc = NULL;
	char *body, etag[24];
	size_t len;

	pthread_mutex_lock(&rt->clock);
	struct vote_counts_entry *e = entry_of(rt, programme_id);
	added = committed && add_batch(rt, e, candidates, n, k);
	if (committed)
		e->version++;
	if (added)
		e->key_version = e->version;
	e->inflight = false;
	/* read in the last second, live, and no longer holding: render it now, before the next batch */
	wanted = !added && e->doc && store_now_us() - e->read_us < VOTE_COUNTS_MAX_AGE_US;
	uint64_t version = e->version, other = vote_other_writes(rt);
	pthread_mutex_unlock(&rt->clock);
	if (!wanted || render(rt->app, programme_id, &doc, &body, &len, etag, NULL))
		return;
	pthread_mutex_lock(&rt->clock);
	e = entry_of(rt, programme_id);
	if (e->version == version && !e->inflight)
		put(e, version, other, doc, body, len, etag);
	else
		free(body);
	pthread_mutex_unlock(&rt->clock);
	json_decref(doc);
}
