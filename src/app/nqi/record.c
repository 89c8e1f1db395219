/*
 * record.c - recording one NQI institution, enterprise or service through
 * the API (nqi.h): the same checks as a row of an imported file, the first
 * fault answered with its code and column, and the row written, counted and
 * audited in one transaction.
 */
#include "app/nqi/nqi.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/nqi/internal.h"
#include "app/tx.h"
#include "core/nqi.h"

static const char *const audit_kinds[] = { "nqi_institution", "nqi_enterprise", "nqi_service" };

struct record {
	struct app *app;
	const struct app_actor *actor;
	enum nqi_what what;
	struct nqi_row row;
	json_t *faults, *out;
};

/* The first fault as the error of the call. */
static int first_fault(json_t *faults, struct px_err *err)
{
	json_t *f = json_array_get(faults, 0);
	return px_err_set(err, PX_EINVAL, json_string_value(json_object_get(f, "code")),
			  json_string_value(json_object_get(f, "column")), "%s",
			  json_string_value(json_object_get(f, "message")));
}

static json_t *answer(const struct record *r, int64_t id)
{
	const struct nqi_row *w = &r->row;
	if (r->what == NQI_SERVICES) {
		char day[11];
		date_format(w->day, day);
		return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "date", day, "kind",
				 nqi_kinds[w->kind].code, "chain", nqi_chains[w->chain].code, "region", w->region,
				 "institution", w->uscc, "enterprise", w->uscc2);
	}
	return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "uscc", w->uscc, "name", w->name, "region",
			 w->region);
}

static int record_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct record *r = arg;
	struct nqi_lookup *l = nqi_lookup_new();
	int64_t id = 0;
	json_decref(r->faults);
	r->faults = json_array();
	if (!l)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	int rc = nqi_check_register(c, r->actor, r->what, &r->row, 0, 1, l, r->faults, err);
	nqi_lookup_free(l);
	if (!rc && json_array_size(r->faults))
		return first_fault(r->faults, err);
	if (!rc)
		rc = nqi_write_rows(c, r->app, r->actor, r->what, &r->row, 0, 1, 0, &id, err);
	if (rc)
		return rc;
	r->out = answer(r, id);
	return audit_record(c, r->actor, "nqi.record", audit_kinds[r->what], id, json_incref(r->out), err);
}

int nqi_record(struct app *app, const struct app_actor *actor, enum nqi_what what, json_t *in, json_t **out,
	       struct px_err *err)
{
	struct record r = { .app = app, .actor = actor, .what = what, .faults = json_array() };
	const char *f[NQI_NCOLS];
	int rc = 0;
	*out = NULL;
	if (!(actor->kind == ACTOR_CLI || app_actor_is(actor, ROLE_OFFICE) || app_actor_is(actor, ROLE_COUNTY)))
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the office or a county keeps the NQI records");
	for (int c = 0; !rc && c < NQI_NCOLS; c++) {
		const char *name = nqi_columns[what][c];
		json_t *v = name ? json_object_get(in, name) : NULL;
		f[c] = json_is_string(v) ? json_string_value(v) : "";
		if (v && !json_is_string(v))
			rc = px_err_set(err, PX_EINVAL, "invalid_type", name, "'%s' takes a string", name);
		else if (v && strlen(f[c]) > 400)
			rc = px_err_set(err, PX_ETOOBIG, "too_long", name, "'%s' takes at most 400 bytes", name);
	}
	if (!rc && nqi_check_fields(what, f, 1, app_today(app), &r.row, r.faults))
		rc = first_fault(r.faults, err);
	if (!rc)
		rc = app_tx_json(app, STORE_TX_WRITE, record_tx, &r, &r.out, out, err);
	free(r.row.name);
	json_decref(r.faults);
	return rc;
}
