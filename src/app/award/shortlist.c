/*
 * shortlist.c - the on-site review list and feedback to the others (see
 * shortlist.h).
 */
#include "app/award/shortlist.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/application.h"
#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "app/programme/decision.h"
#include "app/programme/family.h"
#include "app/programme/programme.h"
#include "app/review/ranking.h"
#include "app/review/results.h"

static struct store_sql Q_ACCEPTED = STORE_SQL(
	"SELECT id FROM application WHERE programme_id = $1 AND state = 'accepted' ORDER BY id");
static struct store_sql Q_SET_FEEDBACK = STORE_SQL(
	"UPDATE application SET feedback = $1, updated_at = $2 WHERE id = $3");
static struct store_sql Q_FEEDBACK = STORE_SQL(
	"SELECT feedback FROM application WHERE id = $1");

struct decide_arg {
	const struct app_actor *actor;
	int64_t programme_id;
	const int64_t *ids;
	size_t n;
	const char *minutes;
	json_t *out;
};

/* The review stage whose results the shortlist reads: the last one before the shortlist stage. */
static const struct tpl_stage *previous_review(const struct programme *p)
{
	const struct tpl_stage *found = NULL;
	for (int i = 0; i < p->stage_seq - 1 && i < p->tpl->nstages; i++)
		if (p->tpl->stages[i].kind == TPL_STAGE_REVIEW)
			found = &p->tpl->stages[i];
	return found ? found : ranking_review_stage(p->tpl, 0);
}

static int give_feedback(struct store_conn *c, const struct app_actor *actor, const struct programme *p,
			 const char *stage, int64_t id, struct px_err *err)
{
	struct application a;
	json_t *feedback = NULL;
	char *text = NULL;
	static const char *const from[] = { "accepted", NULL };
	int rc = results_feedback(c, p, id, stage, &feedback, err);

	if (rc)
		return rc;
	json_object_set_new(feedback, "decision", json_string("not_shortlisted"));
	json_object_set_new(feedback, "note", json_string(family_text(p->tpl, "feedback.not_shortlisted")));
	if (!(text = json_dump_sorted(feedback))) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	if ((rc = store_run(c, &Q_SET_FEEDBACK, err, "tii", (const char *)text, store_now_us(), id)) ||
	    (rc = application_load(c, id, &a, err)) ||
	    (rc = application_move(c, actor, &a, from, "not_shortlisted", "not on the on-site review list", err)))
		goto out;
out:
	free(text);
	json_decref(feedback);
	return rc;
}

static int decide_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct decide_arg *d = arg;
	struct programme p;
	const struct tpl_stage *st, *review;
	struct store_stmt *s;
	int counts[TPL_MAX_TRACKS] = { 0 };
	int64_t decision, others[INPUT_MAX_IDS];
	size_t nothers = 0;
	json_t *listed = json_array(), *dropped = json_array();
	char field[48];
	int rc = programme_load_office(c, d->actor, d->programme_id, &p, err);

	if (rc)
		goto out_free;
	if ((rc = programme_require_kind(&p, TPL_STAGE_SHORTLIST, &st, err)) ||
	    (d->minutes && (rc = input_text(d->minutes, INPUT_TEXT_MAX, "minutes", err))) ||
	    (rc = decision_require_none(c, p.id, "shortlist", "the shortlist was fixed", err)))
		goto out;
	review = previous_review(&p);
	for (size_t i = 0; i < d->n; i++) {
		struct application a;
		snprintf(field, sizeof(field), "applications[%zu]", i);
		rc = application_load(c, d->ids[i], &a, err);
		if (rc == PX_ENOTFOUND || (!rc && a.programme_id != p.id)) {
			rc = px_err_set(err, PX_EINVAL, "unknown_application", field,
					"application %" PRId64 " is not of this programme", d->ids[i]);
			goto out;
		}
		if (rc)
			goto out;
		if (strcmp(a.state, "accepted")) {
			rc = px_err_set(err, PX_ECONFLICT, "not_accepted", field,
					"application %" PRId64 " is '%s'; only accepted applications are shortlisted", a.id,
					a.state);
			goto out;
		}
		int t = template_track_index(p.tpl, a.track);
		if (t < 0) {
			rc = px_err_set(err, PX_EINTERNAL, "unknown_track", field, "unknown track '%s'", a.track);
			goto out;
		}
		if (st->shortlist_max[t] && ++counts[t] > st->shortlist_max[t]) {
			rc = px_err_set(err, PX_ECONFLICT, "shortlist_over_max", "applications",
					"track '%s' takes at most %d applications to the on-site review", a.track,
					st->shortlist_max[t]);
			goto out;
		}
	}
	if ((rc = application_move_ids(c, d->actor, d->ids, d->n, "accepted", "shortlisted",
					"on the on-site review list", listed, err)) ||
	    (rc = store_prepare(c, &Q_ACCEPTED, &s, err)))
		goto out;
	store_bind_int(s, 1, p.id);
	while ((rc = store_step(s, err)) == STORE_ROW && nothers < INPUT_MAX_IDS)
		others[nothers++] = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < nothers; i++) {
		if ((rc = give_feedback(c, d->actor, &p, review ? review->code : "", others[i], err)))
			goto out;
		json_array_append_new(dropped, json_integer(others[i]));
	}
	if ((rc = decision_insert(c, d->actor, p.id, st->code, "shortlist", listed, d->minutes, NULL, NULL, &decision,
				  err)))
		goto out;
	d->out = json_pack("{s:I, s:I, s:O, s:O}", "decision", (json_int_t)decision, "programme", (json_int_t)p.id,
			   "shortlisted", listed, "not_shortlisted", dropped);
out:
	programme_release(&p);
out_free:
	json_decref(listed);
	json_decref(dropped);
	return rc;
}

int shortlist_decide(struct app *app, const struct app_actor *actor, int64_t programme_id, const int64_t *ids,
		     size_t n, const char *minutes, json_t **out, struct px_err *err)
{
	struct decide_arg d = { actor, programme_id, ids, n, minutes, NULL };
	return app_tx_json(app, STORE_TX_WRITE, decide_tx, &d, &d.out, out, err);
}

struct feedback_arg {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int feedback_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct feedback_arg *f = arg;
	struct application a;
	struct programme p;
	struct store_stmt *s;
	json_t *feedback = NULL;
	int rc;

	if ((rc = application_load(c, f->id, &a, err)) || (rc = programme_load(c, a.programme_id, &p, err)))
		return rc;
	bool allowed = application_owned_by(f->actor, &a) || programme_is_office(&p, f->actor);
	programme_release(&p);
	if (!allowed)
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %" PRId64, f->id);
	if ((rc = store_prepare(c, &Q_FEEDBACK, &s, err)))
		return rc;
	store_bind_int(s, 1, a.id);
	if ((rc = store_step(s, err)) == STORE_ROW && *store_col_text(s, 0))
		feedback = json_parse_stored(store_col_text(s, 0));
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!feedback)
		return px_err_set(err, PX_ENOTFOUND, "no_feedback", "application",
				  "application %" PRId64 " has no feedback", a.id);
	f->out = json_pack("{s:I, s:s, s:o}", "application", (json_int_t)a.id, "state", a.state, "feedback", feedback);
	return 0;
}

int shortlist_feedback(struct app *app, const struct app_actor *actor, int64_t application_id, json_t **out,
		       struct px_err *err)
{
	struct feedback_arg f = { actor, application_id, NULL };
	return app_tx_json(app, STORE_TX_READ, feedback_tx, &f, &f.out, out, err);
}
