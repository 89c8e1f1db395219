/*
 * panel.h - the two panels of the brand ranking (榜单评选): the promotion
 * group (推介小组), one member-role account from each of the member units the
 * section names, and the expert panel (专家评审小组) of expert accounts. Each
 * member scores every candidate on the rubric of the five criteria
 * (质量品牌战略, 履行社会责任, 经济效益, 卓越绩效, 质量文化) during the review
 * stage; a sheet is final once given. Blind rule: before giving their own
 * sheet of a brand a member sees nothing of others' sheets of it; after, the
 * sheets of their own panel, without names. The office sees everything.
 */
#ifndef PX_APP_RANKING_PANEL_H
#define PX_APP_RANKING_PANEL_H

#include <jansson.h>

#include "app/app.h"
#include "app/programme/programme.h"

/*
 * Seat a panel (office; before any of its sheets is given): exactly the
 * section's size of active accounts of the panel's role in the programme's
 * region ("panel_size" field "accounts"; "wrong_role" / "unknown_account"
 * field "accounts[i]"); the promotion group one account of each named
 * member unit ("unit_not_in_group", "unit_twice"). Replaces the seats;
 * "panel_scoring_started" once a sheet exists. Audited as "ranking.panel".
 */
int ranking_panel_set(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *panel,
		      const int64_t *accounts, size_t n, json_t **out, struct px_err *err);

/* The panels with their members (office, leadership group). */
int ranking_panels_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			struct px_err *err);

/*
 * The actor's scoring sheet: their panel, the rubric, every candidate with
 * the tracks it chose and the actor's own sheet when given. PX_EFORBIDDEN
 * "not_on_panel" for anyone else.
 */
int ranking_sheet_mine(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		       struct px_err *err);

/*
 * Give a sheet {criterion: points} for a candidate: panel members only
 * (not_on_panel), in the review stage (wrong_stage), a submitted candidate of
 * the programme (404), once (PX_ECONFLICT "score_exists"); sheet faults as
 * review_submit's. *out the stored sheet. Audited as "ranking.score".
 */
int ranking_score_submit(struct app *app, const struct app_actor *actor, int64_t programme_id,
			 int64_t application_id, json_t *scores, json_t **out, struct px_err *err);

/*
 * The sheets of a candidate: the office all, with panels and units; a panel
 * member their own panel's, anonymised, after giving their own (PX_EFORBIDDEN
 * "review_first" before); 404 for anyone else.
 */
int ranking_scores_json(struct app *app, const struct app_actor *actor, int64_t application_id, json_t **out,
			struct px_err *err);

/*
 * The exit check of the review stage: both panels seated in full
 * ("panel_incomplete", field "panels.<panel>"), every member's sheet of
 * every candidate given ("scores_missing", field "A<id>").
 */
int ranking_scores_complete(struct app *app, struct store_conn *c, const struct programme *p,
			    const struct tpl_stage *s, struct px_err *err);

/*
 * A panel's score of every candidate: the section's aggregation of its
 * sheets' totals, on 0..100 in hundredths (0 without sheets). Inside the
 * caller's transaction; *ids and *scores malloc'd arrays of *n (the caller
 * frees both), ids ascending.
 */
int ranking_panel_scores(struct store_conn *c, const struct programme *p, int panel, int64_t **ids,
			 int64_t **scores, size_t *n, struct px_err *err);

#endif
