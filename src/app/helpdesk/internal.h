/*
 * internal.h - what the help desk's files share (app/helpdesk/helpdesk.h):
 * the routing of a problem inside a transaction, the answer of one problem,
 * and the rating link of a resolution.
 */
#ifndef PX_APP_HELPDESK_INTERNAL_H
#define PX_APP_HELPDESK_INTERNAL_H

#include "app/helpdesk/helpdesk.h"
#include "app/secret.h"
#include "core/date.h"
#include "store/store.h"

/* The provider core/helpdesk's router picks for (field, county region) among the active ones; 0 when none. */
int helpdesk_route_tx(struct store_conn *c, const char *field, const char *region, int64_t *provider,
		      struct px_err *err);

/* Insert a routed problem with its due dates from today; audited as helpdesk.record. */
struct helpdesk_row {
	const char *region, *field, *title, *detail, *source, *source_ref;
	int64_t organisation;
};
int helpdesk_insert_tx(struct app *app, struct store_conn *c, const struct app_actor *actor,
		       const struct helpdesk_row *row, int64_t *id, struct px_err *err);

/* The problem as JSON for this actor (PX_ENOTFOUND when it may not read it). */
int helpdesk_problem_json(struct app *app, struct store_conn *c, const struct app_actor *actor, int64_t id,
			  json_t **out, struct px_err *err);

/* The rating link of the round-th resolution of a problem (keyed by the deployment's secret) and its stored hash. */
int helpdesk_rate_token(struct store_conn *c, int64_t id, int64_t round, char token[SECRET_HASH_HEX + 1],
			char hash[SECRET_HASH_HEX + 1], struct px_err *err);

/* The provider an account acts for, 0 when none. */
int helpdesk_provider_of(struct store_conn *c, int64_t account, int64_t *provider, struct px_err *err);

#endif
