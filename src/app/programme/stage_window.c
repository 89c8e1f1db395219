/*
 * stage_window.c - a stage's closing date closes it (see stage_window.h).
 * The template's dates (the notice of the programme, e.g. the application
 * deadline of 清强市办〔2025〕20号) are copied into the stage rows at creation;
 * an extension records a later last day and its reason beside them.
 */
#include "app/programme/stage_window.h"

#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/tx.h"
#include "core/date.h"

static struct store_sql Q_WINDOW = STORE_SQL(
	"SELECT coalesce(extended_to, closes_on, ''), coalesce(extended_to, '') FROM stage "
	"WHERE programme_id = $1 AND code = $2");
static struct store_sql Q_EXTEND = STORE_SQL(
	"UPDATE stage SET extended_to = $1, extension_reason = $2 WHERE programme_id = $3 AND code = $4");

/* The stage's last day: its extension, else its closing date; 0 when it has none. */
static int last_day(struct store_conn *c, int64_t programme_id, const char *code, px_date *out, bool *extended,
		    struct px_err *err)
{
	char last[16] = "", ext[16] = "";
	int rc = store_get(c, &Q_WINDOW, err, "it:bb", programme_id, code, last, sizeof(last), ext, sizeof(ext));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, "unknown_stage", "stage", "the programme has no stage '%s'", code);
	*out = 0;
	*extended = ext[0] != '\0';
	if (last[0] && date_parse(last, strlen(last), out))
		return px_err_set(err, PX_EIO, NULL, "stage", "stage '%s' has a malformed date", code);
	return 0;
}

int stage_window_require_open(struct app *app, struct store_conn *c, const struct programme *p, const char *code,
			      struct px_err *err)
{
	px_date last;
	bool extended;
	char day[11];
	int rc = last_day(c, p->id, code, &last, &extended, err);
	if (rc || !last || app_today(app) <= last)
		return rc;
	date_format(last, day);
	return px_err_set(err, PX_ECONFLICT, "stage_closed", "stage", "stage '%s' closed on %s%s", code, day,
			  extended ? " (extended)" : "");
}

struct extend_args {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	const char *code, *until, *reason;
	px_date to;
};

static int extend_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct extend_args *a = arg;
	struct programme p = { 0 };
	px_date last;
	bool extended;
	char day[11];
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		goto out;
	if (!programme_is_office(&p, a->actor)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)a->id);
		goto out;
	}
	/* the input is judged once the programme is known to be the actor's (no 400 before 404) */
	if ((rc = input_date(a->until ? a->until : "", "until", &a->to, err)) ||
	    (rc = input_text(a->reason ? a->reason : "", 500, "reason", err)) ||
	    (rc = last_day(c, a->id, a->code, &last, &extended, err)))
		goto out;
	if (last && a->to <= last) {
		date_format(last, day);
		rc = px_err_set(err, PX_EINVAL, "extension_not_later", "until",
				"the window of stage '%s' already runs until %s: extend it to a later date", a->code,
				day);
		goto out;
	}
	if ((rc = store_run(c, &Q_EXTEND, err, "ttit", a->until, a->reason, a->id, a->code)))
		goto out;
	json_t *payload = json_pack("{s:s, s:s, s:s}", "stage", a->code, "until", a->until, "reason", a->reason);
	rc = audit_record(c, a->actor, "stage.extend", "programme", a->id, payload, err);
out:
	programme_release(&p);
	return rc;
}

int stage_window_extend(struct app *app, const struct app_actor *actor, int64_t programme_id, const char *code,
			const char *until, const char *reason, struct px_err *err)
{
	struct extend_args a = { app, actor, programme_id, code, until, reason, 0 };
	return app_tx(app, STORE_TX_WRITE, extend_tx, &a, err);
}
