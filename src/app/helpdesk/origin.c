/*
 * origin.c - a problem from another register's finding in one step
 * (helpdesk.h helpdesk_from_origin): the finding is described by its
 * register's callback inside the same transaction, then recorded and routed
 * as an enterprise's problem, its reference linking back.
 */
#include "app/helpdesk/internal.h"

#include <string.h>

#include "app/input.h"
#include "app/tx.h"
#include "core/helpdesk.h"

static struct store_sql Q_BY_REF = STORE_SQL("SELECT id FROM hd_problem WHERE source_ref = $1");

struct origin_tx {
	struct app *app;
	const struct app_actor *actor;
	helpdesk_origin_fn origin;
	void *arg;
	json_t *out;
};

static int origin_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct origin_tx *x = arg;
	json_t *o = NULL;
	int64_t id = 0;
	int rc = x->origin(c, x->actor, x->arg, &o, err);
	if (rc)
		return rc;
	struct helpdesk_row row = { json_string_value(json_object_get(o, "region")),
				    json_string_value(json_object_get(o, "field")),
				    json_string_value(json_object_get(o, "title")),
				    json_string_value(json_object_get(o, "detail")),
				    "enterprise",
				    json_string_value(json_object_get(o, "ref")),
				    (int64_t)json_integer_value(json_object_get(o, "organisation")) };
	if (!helpdesk_field_find(row.field))
		rc = px_err_set(err, PX_EINVAL, "invalid_field", "field", "no help-desk field '%s'", row.field ? row.field : "");
	else if (!(rc = input_line(row.title, 200, "title", err)) && !(rc = input_textarea(row.detail, 8000, "detail", err)))
		rc = store_get(c, &Q_BY_REF, err, "t:i", row.source_ref, &id);
	if (rc == STORE_ROW)
		rc = px_err_set(err, PX_ECONFLICT, "already_a_problem", "ref", "this is problem %lld already", (long long)id);
	else if (rc == 0 && !(rc = helpdesk_insert_tx(x->app, c, x->actor, &row, &id, err)))
		rc = helpdesk_problem_json(x->app, c, x->actor, id, &x->out, err);
	json_decref(o);
	return rc < 0 ? rc : 0;
}

int helpdesk_from_origin(struct app *app, const struct app_actor *actor, helpdesk_origin_fn origin, void *arg,
			 json_t **out, struct px_err *err)
{
	*out = NULL;
	if (!app_actor_is(actor, ROLE_APPLICANT) && !app_actor_is(actor, ROLE_OFFICE))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office or the enterprise turns a finding into a problem");
	struct origin_tx x = { app, actor, origin, arg, NULL };
	return app_tx_json(app, STORE_TX_WRITE, origin_tx, &x, &x.out, out, err);
}
