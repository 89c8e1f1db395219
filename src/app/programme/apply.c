/*
 * apply.c - creating draft applications, and the checks every applicant-side
 * use case shares: loading with visibility, who may edit, when it is open
 * (see apply.h).
 */
#include "app/programme/apply.h"

#include <stdio.h>
#include <string.h>

#include "app/people/applicant.h"
#include "app/audit.h"
#include "app/tx.h"

static struct store_sql Q_ORG = STORE_SQL(
	"SELECT region, coalesce(account_id, 0) FROM organisation WHERE id = $1");
static struct store_sql Q_PERSON = STORE_SQL("SELECT region, coalesce(account_id, 0) FROM person WHERE id = $1");
static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO application (programme_id, track_code, form_code, organisation_id, person_id, region, form, "
	"state, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, '{}', 'draft', $7, $8, $8) "
	"RETURNING id");

const struct tpl_stage *apply_stage(const struct template *t)
{
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_APPLICATION)
			return &t->stages[i];
	return NULL;
}

int apply_load(struct store_conn *c, const struct app_actor *actor, int64_t id, struct application *a,
	       struct programme *p, struct px_err *err)
{
	int rc = application_load(c, id, a, err);
	memset(p, 0, sizeof(*p));
	if (rc)
		return rc;
	if (!application_readable(c, actor, a))
		return px_err_set(err, PX_ENOTFOUND, NULL, "application", "no application %lld", (long long)id);
	return programme_load(c, a->programme_id, p, err);
}

bool apply_may_edit(const struct app_actor *actor, const struct application *a)
{
	if (actor->kind == ACTOR_CLI || application_owned_by(actor, a))
		return true;
	/* paper applications: an applicant without an account is served by its county or the office */
	return a->owner_account == 0 && applicant_staff_may_act(actor, a->region);
}

int apply_require_open(const struct programme *p, const struct application *a, struct px_err *err)
{
	const struct tpl_stage *app_stage = apply_stage(p->tpl), *cur = programme_stage(p);
	bool in_application = cur && app_stage && cur == app_stage;
	bool in_county = cur && cur->kind == TPL_STAGE_RECOMMENDATION;

	if (strcmp(a->state, "draft") && strcmp(a->state, "returned"))
		return px_err_set(err, PX_ECONFLICT, "wrong_state", "state",
				  "application %lld is '%s'; the applicant may change only a draft or a returned one",
				  (long long)a->id, a->state);
	if (in_application || (in_county && !strcmp(a->state, "returned")))
		return 0;
	return px_err_set(err, PX_ECONFLICT, "wrong_stage", "stage",
			  "applications are open in stage '%s' but the programme is in '%s'",
			  app_stage ? app_stage->code : "application", cur ? cur->code : "(not started)");
}

/* The applicant's region and bound account; 404 unless the actor may act for it. */
static int applicant_for(struct store_conn *c, const struct app_actor *actor, struct store_sql *q, int64_t id,
			 const char *what, char region[8], struct px_err *err)
{
	struct store_stmt *s;
	int64_t account = 0;
	int rc = store_prepare(c, q, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, id);
	rc = store_step(s, err);
	if (rc == STORE_ROW) {
		snprintf(region, 8, "%s", store_col_text(s, 0));
		account = store_col_int(s, 1);
	}
	store_reset(s);
	if (rc < 0)
		return rc;
	bool mine = actor->kind == ACTOR_ACCOUNT && actor->role == ROLE_APPLICANT && account == actor->id;
	if (rc != STORE_ROW || !(mine || (!account && applicant_staff_may_act(actor, region)) ||
				 actor->kind == ACTOR_CLI))
		return px_err_set(err, PX_ENOTFOUND, NULL, what, "no %s %lld", what, (long long)id);
	return 0;
}

struct create_args {
	const struct app_actor *actor;
	int64_t programme_id;
	const struct application_new *req;
	int64_t id;
};

/* The track, the applicant's kind and the form must fit together; the track's index in *ti. */
static int check_request(const struct template *t, const struct application_new *req, int *ti, struct px_err *err)
{
	if (!req->track || (*ti = template_track_index(t, req->track)) < 0)
		return px_err_set(err, PX_EINVAL, "unknown_track", "track", "no track '%s' in this programme",
				  req->track ? req->track : "");
	const struct tpl_track *tr = &t->tracks[*ti];
	bool org = tr->applicant == TPL_ORGANISATION;
	if ((org && (!req->organisation_id || req->person_id)) || (!org && (!req->person_id || req->organisation_id)))
		return px_err_set(err, PX_EINVAL, "wrong_applicant_kind", org ? "organisation" : "person",
				  "track '%s' takes an %s", tr->code, org ? "organisation" : "individual (person)");
	if (!req->form || !template_track_has_form(tr, req->form))
		return px_err_set(err, PX_EINVAL, "form_not_in_track", "form", "form '%s' does not belong to track '%s'",
				  req->form ? req->form : "", tr->code);
	return 0;
}

/* An id that is 0 binds NULL: the application names an organisation or a person, not both. */
static void bind_id_or_null(struct store_stmt *s, int idx, int64_t id)
{
	if (id)
		store_bind_int(s, idx, id);
	else
		store_bind_null(s, idx);
}

static int insert_application(struct store_conn *c, struct create_args *a, const char *track, const char *region,
			      struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_INSERT, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, a->programme_id);
	store_bind_text(s, 2, track);
	store_bind_text(s, 3, a->req->form);
	bind_id_or_null(s, 4, a->req->organisation_id);
	bind_id_or_null(s, 5, a->req->person_id);
	store_bind_text(s, 6, region);
	bind_id_or_null(s, 7, a->actor->kind == ACTOR_ACCOUNT ? a->actor->id : 0);
	store_bind_int(s, 8, store_now_us());
	if ((rc = store_step(s, err)) == STORE_ROW)
		store_cols(s, "i", &a->id);
	store_reset(s);
	return rc;
}

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_args *a = arg;
	const struct application_new *req = a->req;
	struct programme p = { 0 };
	char region[8] = "";
	int rc, ti = -1;

	if ((rc = programme_load(c, a->programme_id, &p, err)))
		goto out;
	const struct tpl_stage *st = apply_stage(p.tpl);
	if ((rc = programme_require_stage(&p, st ? st->code : "application", err)) ||
	    (rc = check_request(p.tpl, req, &ti, err)))
		goto out;
	const struct tpl_track *tr = &p.tpl->tracks[ti];
	bool org = tr->applicant == TPL_ORGANISATION;
	if ((rc = applicant_for(c, a->actor, org ? &Q_ORG : &Q_PERSON, org ? req->organisation_id : req->person_id,
				org ? "organisation" : "person", region, err)))
		goto out;
	if (!access_region_contains(p.region, region)) {
		rc = px_err_set(err, PX_EINVAL, "region_outside_programme", "region",
				"the applicant's region %s is outside the programme's region %s", region, p.region);
		goto out;
	}
	rc = insert_application(c, a, tr->code, region, err);
	if (rc == PX_ECONFLICT)
		rc = px_err_set(err, PX_ECONFLICT, "application_exists", org ? "organisation" : "person",
				"this applicant has applied to the programme already");
	if (rc < 0)
		goto out;
	json_t *payload = json_pack("{s:I, s:s, s:s, s:I}", "programme", (json_int_t)a->programme_id, "track",
				    tr->code, "form", req->form, org ? "organisation" : "person",
				    (json_int_t)(org ? req->organisation_id : req->person_id));
	rc = audit_record(c, a->actor, "application.create", "application", a->id, payload, err);
out:
	programme_release(&p);
	return rc;
}

int application_create(struct app *app, const struct app_actor *actor, int64_t programme_id,
		       const struct application_new *req, int64_t *id, struct px_err *err)
{
	struct create_args a = { actor, programme_id, req, 0 };
	int rc = app_tx(app, STORE_TX_WRITE, create_tx, &a, err);
	*id = rc ? 0 : a.id;
	return rc;
}
