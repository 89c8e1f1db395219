/*
 * ranking.h - the final score and the ranking that the leadership group
 * deliberates on (清强市办〔2025〕20号 七(七)).
 *
 * The final score of an application combines its review stages' scores (all
 * on 0..100, hundredths) by the template's per-mille weights: the first
 * review stage (材料评审) with weights.material, the second (现场评审) with
 * weights.onsite (core/score.h score_combine). The candidates are the
 * applications that reached the last review stage (shortlisted, and later
 * proposed, not_proposed or winner; never withdrawn, and disqualified only
 * when the leadership group had proposed it before: its place then stays
 * vacant, 空缺, and the next candidate does not move up - 七(八) takes away
 * the proposed winner's qualification, it does not reopen the list, and 二
 * lets places stay vacant; GET .../winners shows the same vacancy). They
 * are ranked per track by core/rank.h under the track caps (a cap is a
 * maximum), the bar (places stay vacant below it, 空缺), the declared
 * tie-break keys and the applicant limit.
 */
#ifndef PX_APP_RANKING_H
#define PX_APP_RANKING_H

#include <jansson.h>

#include "app/programme/programme.h"

/*
 * Build the ranking inside the caller's transaction. *out:
 *   {rule: {weights, bar, tie_break, applicant_limit},
 *    tracks: [{code, name, cap, placed, vacant,
 *              entries: [{rank, application, name, state, final, material, onsite,
 *                         placed, reason, tie_unbroken, vacated}]}],
 * A vacated entry (proposed, then disqualified) keeps its rank with placed
 * false and reason "vacated"; the track's placed/vacant counts it vacant.
 *    unscored: [{application, name, missing}]}
 * Scores are exact decimal text. A new reference.
 */
int ranking_build(struct store_conn *c, const struct programme *p, json_t **out, struct px_err *err);

/*
 * The ranking for the office and the leadership group once the programme
 * has reached its deliberation stage (ranking_not_ready before).
 */
int ranking_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		 struct px_err *err);

/* The n-th (0-based) review stage of the template, NULL when there is none. */
const struct tpl_stage *ranking_review_stage(const struct template *t, int n);

#endif
