/*
 * caps.c - the vote's caps in the writer's memory, so that a batch checks
 * its ballots without asking the database vote by vote. For one programme
 * and one day it holds each voter's votes of the day (candidate and track),
 * read from the vote table the first time the voter is seen that day (one
 * read a voter a day) and added to as the batch takes ballots; and the
 * candidates standing with their tracks, read again when anything but the
 * vote's own commits was written on this node since (vote_other_writes) or
 * after VOTE_CAPS_CANDIDATES_US (another node's writes). The database stays the arbiter: the unique
 * indexes vote_once_a_day and vote_track_slot refuse a vote another node
 * committed meanwhile, and the batch then drops this memory and runs again
 * (batch.c), when the fresh reads refuse the ballot as they should. Only the
 * writer thread touches a vote_caps: no lock.
 */
#include "app/vote/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CAPS_SLOTS_MIN 1024 /* a power of two */

/* The states that stand: as "<>", spelt out because SQLite builds a table for a list each run. */
static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, coalesce(a.track_code, ''), coalesce(t.track_code, '') FROM application a "
	"LEFT JOIN application_track t ON t.application_id = a.id "
	"WHERE a.programme_id = $1 AND a.submitted_at IS NOT NULL "
	"AND a.state <> 'draft' AND a.state <> 'withdrawn' AND a.state <> 'rejected' "
	"AND a.state <> 'disqualified' AND a.state <> 'not_recommended'");
/* One voter's votes of the day: the index vote_once_a_day (programme, voter, day, candidate). */
static struct store_sql Q_VOTER = STORE_SQL(
	"SELECT application_id, track_code FROM vote WHERE programme_id = $1 AND voter_hash = $2 AND day = $3");

struct caps_vote {
	int64_t candidate;
	char track[32];
};

struct caps_voter {
	char hash[72];
	char pseudonym[VOTE_PSEUDONYM_HEX + 1]; /* made once a day, not at every vote */
	int n, cap;
	struct caps_vote *votes;
};

/* A candidate standing in a track (a brand stands in the 1 or 2 it chose). */
struct caps_cand {
	int64_t id;
	char track[32];
};

struct vote_caps {
	char day[11];
	struct caps_voter **slots; /* open addressing by the voter hash; NULL: empty */
	size_t size, used;
	struct caps_cand *cands;   /* sorted by id */
	size_t ncands, capcands;
	bool cands_valid;
	uint64_t cands_gen;        /* vote_other_writes() they were read under */
	int64_t cands_at;          /* when, in microseconds */
};

struct vote_caps *vote_caps_new(void)
{
	return calloc(1, sizeof(struct vote_caps));
}

static void drop_voters(struct vote_caps *caps)
{
	for (size_t i = 0; i < caps->size; i++)
		if (caps->slots[i]) {
			free(caps->slots[i]->votes);
			free(caps->slots[i]);
		}
	free(caps->slots);
	caps->slots = NULL;
	caps->size = caps->used = 0;
}

void vote_caps_free(struct vote_caps *caps)
{
	if (!caps)
		return;
	drop_voters(caps);
	free(caps->cands);
	free(caps);
}

void vote_caps_forget(struct vote_caps *caps)
{
	drop_voters(caps);
	caps->day[0] = '\0';
	caps->cands_valid = false;
}

void vote_caps_candidates_stale(struct vote_caps *caps)
{
	caps->cands_valid = false;
}

void vote_caps_day(struct vote_caps *caps, const char *day)
{
	if (strcmp(caps->day, day) || caps->used > VOTE_CAPS_VOTERS) {
		drop_voters(caps);
		snprintf(caps->day, sizeof(caps->day), "%s", day);
	}
}

/* FNV-1a of the voter hash. */
static size_t hash_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)h;
}

static struct caps_voter **slot_of(struct caps_voter **slots, size_t size, const char *hash)
{
	size_t i = hash_of(hash) & (size - 1);
	while (slots[i] && strcmp(slots[i]->hash, hash))
		i = (i + 1) & (size - 1);
	return &slots[i];
}

/* Keep the table at most half full. */
static int grow(struct vote_caps *caps, struct px_err *err)
{
	size_t size = caps->size ? caps->size * 2 : CAPS_SLOTS_MIN;
	struct caps_voter **slots;

	if (caps->used * 2 < caps->size)
		return 0;
	if (!(slots = calloc(size, sizeof(*slots))))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	for (size_t i = 0; i < caps->size; i++)
		if (caps->slots[i])
			*slot_of(slots, size, caps->slots[i]->hash) = caps->slots[i];
	free(caps->slots);
	caps->slots = slots;
	caps->size = size;
	return 0;
}

static int add_vote(struct caps_voter *v, int64_t candidate, const char *track)
{
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 4;
		struct caps_vote *votes = realloc(v->votes, (size_t)cap * sizeof(*votes));
		if (!votes)
			return PX_ENOMEM;
		v->votes = votes;
		v->cap = cap;
	}
	v->votes[v->n].candidate = candidate;
	snprintf(v->votes[v->n].track, sizeof(v->votes[v->n].track), "%s", track);
	v->n++;
	return 0;
}

struct load_arg {
	struct caps_voter *v;
	int rc;
};

static int voter_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct load_arg *a = arg;
	if (add_vote(a->v, store_col_int(s, 0), store_col_text(s, 1)))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	return 0;
}

int vote_caps_voter(struct vote_caps *caps, struct store_conn *c, int64_t programme_id, const char *voter_hash,
		    struct caps_voter **out, struct px_err *err)
{
	struct caps_voter **slot, *v;
	struct load_arg a;
	int rc;

	if (caps->size && *(slot = slot_of(caps->slots, caps->size, voter_hash))) {
		*out = *slot;
		return 0;
	}
	if ((rc = grow(caps, err)))
		return rc;
	if (!(v = calloc(1, sizeof(*v))))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	snprintf(v->hash, sizeof(v->hash), "%s", voter_hash);
	vote_pseudonym(programme_id, voter_hash, v->pseudonym);
	a = (struct load_arg){ v, 0 };
	if ((rc = store_each(c, &Q_VOTER, voter_row, &a, err, "itt", programme_id, voter_hash, caps->day))) {
		free(v->votes);
		free(v);
		return rc;
	}
	*slot_of(caps->slots, caps->size, voter_hash) = v;
	caps->used++;
	*out = v;
	return 0;
}

const char *vote_caps_pseudonym(const struct caps_voter *v)
{
	return v->pseudonym;
}

bool vote_caps_voted(const struct caps_voter *v, int64_t candidate)
{
	for (int i = 0; i < v->n; i++)
		if (v->votes[i].candidate == candidate)
			return true;
	return false;
}

int64_t vote_caps_in_track(const struct caps_voter *v, const char *track)
{
	int64_t n = 0;
	for (int i = 0; i < v->n; i++)
		n += !strcmp(v->votes[i].track, track);
	return n;
}

int vote_caps_add(struct caps_voter *v, int64_t candidate, const char *track, struct px_err *err)
{
	return add_vote(v, candidate, track) ? px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory") : 0;
}

static int add_cand(struct vote_caps *caps, int64_t id, const char *track)
{
	if (!*track)
		return 0;
	if (caps->ncands == caps->capcands) {
		size_t cap = caps->capcands ? caps->capcands * 2 : 64;
		struct caps_cand *cands = realloc(caps->cands, cap * sizeof(*cands));
		if (!cands)
			return PX_ENOMEM;
		caps->cands = cands;
		caps->capcands = cap;
	}
	caps->cands[caps->ncands].id = id;
	snprintf(caps->cands[caps->ncands].track, sizeof(caps->cands[0].track), "%s", track);
	caps->ncands++;
	return 0;
}

static int cand_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct vote_caps *caps = arg;
	int64_t id = store_col_int(s, 0);
	if (add_cand(caps, id, store_col_text(s, 1)) || add_cand(caps, id, store_col_text(s, 2)))
		return px_err_set(err, PX_ENOMEM, "out_of_memory", NULL, "out of memory");
	return 0;
}

static int by_id(const void *x, const void *y)
{
	const struct caps_cand *a = x, *b = y;
	return a->id < b->id ? -1 : a->id > b->id;
}

int vote_caps_candidates(struct vote_caps *caps, struct store_conn *c, int64_t programme_id, uint64_t gen,
			 int64_t now_us, bool *read, struct px_err *err)
{
	int rc;

	*read = false;
	if (caps->cands_valid && caps->cands_gen == gen && now_us - caps->cands_at < VOTE_CAPS_CANDIDATES_US)
		return 0;
	*read = true;
	caps->ncands = 0;
	caps->cands_valid = false;
	if ((rc = store_each(c, &Q_CANDIDATES, cand_row, caps, err, "i", programme_id)))
		return rc;
	qsort(caps->cands, caps->ncands, sizeof(*caps->cands), by_id);
	caps->cands_valid = true;
	caps->cands_gen = gen;
	caps->cands_at = now_us;
	return 0;
}

bool vote_caps_stands(const struct vote_caps *caps, int64_t candidate, const char *track)
{
	size_t lo = 0, hi = caps->ncands;
	while (lo < hi) { /* the first of the candidate's rows */
		size_t mid = lo + (hi - lo) / 2;
		if (caps->cands[mid].id < candidate)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < caps->ncands && caps->cands[lo].id == candidate; lo++)
		if (!strcmp(caps->cands[lo].track, track))
			return true;
	return false;
}
