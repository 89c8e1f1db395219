/*
 * votes.c - the vote counts the brand ranking's composite reads (see
 * votes.h): the public vote's valid counts (app/vote/vote.h,
 * vote_valid_counts) of the candidates of one track, 0 for a candidate
 * without counted votes.
 */
#include "app/ranking/votes.h"

#include <string.h>

#include "app/vote/vote.h"

struct fill {
	const int64_t *applications; /* ascending */
	size_t n;
	int64_t *counts;
};

static int fill_one(int64_t application_id, int64_t valid, void *arg)
{
	struct fill *f = arg;
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->applications[mid] == application_id) {
			f->counts[mid] = valid;
			return 0;
		}
		if (f->applications[mid] < application_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0; /* a candidate of the vote that is not one of the track's registrations */
}

int ranking_vote_counts(struct store_conn *c, int64_t programme_id, const char *track, const int64_t *applications,
			size_t n, int64_t *counts, struct px_err *err)
{
	struct fill f = { applications, n, counts };
	if (n)
		memset(counts, 0, n * sizeof(*counts));
	int rc = vote_valid_counts(c, programme_id, track, fill_one, &f, err);
	return rc < 0 ? rc : 0;
}
