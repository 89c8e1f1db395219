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
 * The counts the server uses: the public vote's valid counts of the track
 * (app/vote/vote.h, vote_valid_counts), 0 for a candidate without counted
 * votes. applications[0..n) are in ascending order. The vote lists a
 * registration under the first track it chose (the application's track), so
 * a brand's votes count in that track; in its second track it has none.
 */
int ranking_vote_counts(struct store_conn *c, int64_t programme_id, const char *track, const int64_t *applications,
			size_t n, int64_t *counts, struct px_err *err);

#endif
