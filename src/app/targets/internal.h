/*
 * internal.h - what the dashboard's files share (app/targets/targets.h):
 * the local summaries' status folded into the dashboard's answer.
 */
#ifndef PX_APP_TARGETS_INTERNAL_H
#define PX_APP_TARGETS_INTERNAL_H

#include "app/targets/targets.h"
#include "store/store.h"

/*
 * Inside the dashboard's transaction: when the province holding `region`
 * requested this year's local summaries, set out's "summaries" (the request
 * {request, year, due_on, deadline, submitted, late, missing}) and a
 * "summary" {state, late, submitted_on} on each row of `rows` (the region
 * itself and its children, objects with "region") that is a city asked; a
 * city asked directly under `region` without a row gets one (no counts)
 * appended to `children`. "summaries" is null otherwise.
 */
int targets_summaries_tx(struct store_conn *c, struct app *app, const char *region, json_t *out, json_t *rows,
			 json_t *children, struct px_err *err);

#endif
