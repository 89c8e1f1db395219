/*
 * votes.h - where the brand ranking's composite gets its public vote
 * (网络人气冲榜): one function giving the valid vote count of each candidate
 * (application) of a programme's track. The composite takes it as a
 * parameter (publish.h), so the vote counts come from one place only.
 */
#ifndef PX_APP_RANKING_VOTES_H
#define PX_APP_RANKING_VOTES_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/err.h"

/*
 * Write the valid votes (quarantined and invalid votes excluded) of each of
 * applications[0..n) in `track` of programme_id to counts[0..n), inside the
 * caller's transaction. 0 or a negative PX_E*.
 */
typedef int (*ranking_votes_fn)(struct store_conn *c, int64_t programme_id, const char *track,
				const int64_t *applications, size_t n, int64_t *counts, struct px_err *err);

/*
 * The counts the server uses. Until the public vote (app/vote/) is part of
 * the server this answers 0 for every candidate: the composite then ranks on
 * the two panels' scores alone, with the vote's weight giving every
 * candidate the same 0. This function is the seam the vote fills: it will
 * ask the vote for the valid counts of the track.
 */
int ranking_vote_counts(struct store_conn *c, int64_t programme_id, const char *track, const int64_t *applications,
			size_t n, int64_t *counts, struct px_err *err);

#endif
