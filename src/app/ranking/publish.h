/*
 * publish.h - the brand ranking's composite and its publication: the five
 * lists (Top N of each track) published as notices at the quality-month
 * launch, stored for the public lists and their workbook.
 *
 * The composite (core/composite.h) reads the vote counts through one
 * function (votes.h); the server passes ranking_vote_counts.
 */
#ifndef PX_APP_RANKING_PUBLISH_H
#define PX_APP_RANKING_PUBLISH_H

#include <jansson.h>

#include "app/app.h"
#include "app/ranking/votes.h"

/*
 * The composite as it stands (office and leadership group of the
 * programme), without storing anything: {programme, weights, top_n,
 * tie_break, tracks: [{code, name, candidates: [{application, name, brand,
 * district, votes, vote_score, promotion, expert, score, rank, tied,
 * placed}]}]}. Scores are decimal numbers on 0..100.
 */
int ranking_composite_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   ranking_votes_fn votes, json_t **out, struct px_err *err);

/*
 * Publish (office, in the publication stage, once: "already_published"):
 * compute the composite, store every candidate's result and publish one
 * notice per track listing its placed candidates. *out as
 * ranking_lists_json(). Audited as "ranking.publish" (and each notice).
 */
int ranking_publish(struct app *app, const struct app_actor *actor, int64_t programme_id, ranking_votes_fn votes,
		    json_t **out, struct px_err *err);

/*
 * The published lists, for everyone: {programme, title, weights, tracks:
 * [{code, name, notice, entries: [{rank, application, name, brand,
 * district, votes, vote_score, promotion, expert, score}]}], districts:
 * [{region, name, brands}]}, placed candidates only (districts: the brands
 * placed in any track, each once, per district: the brand map's data);
 * PX_ECONFLICT "not_published" before publication.
 */
int ranking_lists_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err);

#endif
