/*
 * decision.h - the collective decisions of an award and what follows them
 * (清强市办〔2025〕20号 七(五) to (九)):
 *
 *   - deliberation (stage kind "deliberation"): the leadership group (领导
 *     小组) fixes the proposed list (拟奖建议名单) from the ranking - only
 *     candidates the ranking places (or leaves tied at a boundary for it to
 *     decide), within each track's cap; places may stay vacant. Listed
 *     applications become proposed, the other candidates not_proposed.
 *   - the proposed winners' public notice (stage kind "notice") for the
 *     stage's working days (5), on the official calendar.
 *   - approval by the city government (stage kind "approval"): the office
 *     records the approval document; proposed applications become winners.
 *     A disqualified application (a verified objection) is not proposed any
 *     more and so is not approved; an objection still pending on a proposed
 *     application holds the approval up.
 *
 * Each decision is one row of `decision` (kind shortlist, deliberation or
 * approval) with its list, minutes and author, audited as decision.<kind>.
 */
#ifndef PX_APP_DECISION_H
#define PX_APP_DECISION_H

#include <jansson.h>
#include <stddef.h>

#include "app/programme/programme.h"

/*
 * Record a decision inside the caller's transaction. list is borrowed (a
 * JSON array of application ids); document_no and decided_on may be NULL.
 */
int decision_insert(struct store_conn *c, const struct app_actor *actor, int64_t programme_id, const char *stage,
		    const char *kind, json_t *list, const char *minutes, const char *document_no,
		    const char *decided_on, int64_t *id, struct px_err *err);

/* The decision of that kind of a programme, *id 0 when none. */
int decision_find(struct store_conn *c, int64_t programme_id, const char *kind, int64_t *id, struct px_err *err);

/*
 * 0 when the programme has no decision of that kind yet; else PX_ECONFLICT
 * "already_decided": "<done> in decision <id>" ("the shortlist was fixed").
 */
int decision_require_none(struct store_conn *c, int64_t programme_id, const char *kind, const char *done,
			  struct px_err *err);

/*
 * The exit check of the shortlist, deliberation and approval stages
 * (the award family, app/award/family.c): their decision was recorded, else PX_ECONFLICT
 * "decision_missing".
 */
int decision_exit_check(struct app *app, struct store_conn *c, const struct programme *p,
			const struct tpl_stage *s, struct px_err *err);

/*
 * The leadership group's deliberation: ids (n of them) is the proposed list,
 * minutes 1..INPUT_TEXT_MAX bytes. Errors: forbidden (not the leadership
 * group of the region), wrong_stage, already_decided, not_ranked (not a
 * candidate), not_placed (naming the ranking's reason), over_cap.
 */
int decision_deliberate(struct app *app, const struct app_actor *actor, int64_t programme_id, const int64_t *ids,
			size_t n, const char *minutes, json_t **out, struct px_err *err);

/* The office publishes the proposed list; once (notice_published). */
int decision_proposed_notice(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
			     struct px_err *err);

/*
 * The office records the city government's approval: document_no 1..64
 * bytes, approved_on YYYY-MM-DD, minutes optional. Errors: wrong_stage,
 * already_decided, bad_date, objection_pending (naming the application).
 */
int decision_approve(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *document_no,
		     const char *approved_on, const char *minutes, json_t **out, struct px_err *err);

#endif
