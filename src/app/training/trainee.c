/*
 * trainee.c - enrolment, attendance, check-in, scores and completion of a
 * chief quality officer course (training.h). Only the organiser (its office
 * or county bureau, or an office above it) writes; check-in needs the
 * ticket and the code shown at the session, no account.
 */
#include "app/training/training.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/secret.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/ident.h"
#include "core/training.h"

static struct store_sql Q_OWNER = STORE_SQL("SELECT owner_region, coalesce(completed_on, 0) FROM tr_course WHERE id = $1");
static struct store_sql Q_ENROL = STORE_SQL(
	"INSERT INTO tr_trainee (course_id, name, mobile_hash, mobile_masked, uscc, org_name, region, enrolled_on, ticket, "
	"created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
static struct store_sql Q_REGION = STORE_SQL("SELECT code FROM region WHERE code = $1");
static struct store_sql Q_SESSION = STORE_SQL(
	"SELECT id, day, starts, secret FROM tr_session WHERE course_id = $1 AND seq = $2");
static struct store_sql Q_TRAINEE = STORE_SQL("SELECT id, enrolled_on FROM tr_trainee WHERE id = $1 AND course_id = $2");
static struct store_sql Q_MARK = STORE_SQL(
	"INSERT INTO tr_attendance (session_id, trainee_id, mark, source, at) VALUES ($1, $2, $3, $4, $5) "
	"ON CONFLICT (session_id, trainee_id) DO UPDATE SET mark = excluded.mark, source = excluded.source, at = excluded.at");
static struct store_sql Q_SCORE = STORE_SQL("UPDATE tr_trainee SET score = $1 WHERE id = $2 AND course_id = $3");

bool training_organises(const struct app_actor *actor, const char *owner)
{
	return actor->kind == ACTOR_CLI || ((app_actor_is(actor, ROLE_OFFICE) || app_actor_is(actor, ROLE_COUNTY)) &&
					    access_region_contains(actor->region, owner));
}

/* The course's owner region when the actor organises it (an office above it counts); 404 otherwise. */
static int organiser(struct store_conn *c, const struct app_actor *actor, int64_t course, int64_t *completed,
		     struct px_err *err)
{
	char owner[8] = "";
	int64_t done = 0;
	int rc = store_get(c, &Q_OWNER, err, "i:bi", course, owner, sizeof(owner), &done);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !training_organises(actor, owner))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no course %lld", (long long)course);
	if (completed)
		*completed = done;
	return 0;
}

struct enrol_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t course;
	const char *name, *mobile, *uscc, *org, *region;
	json_t *out;
};

static int enrol_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct enrol_tx *x = arg;
	char hash[SECRET_HASH_HEX + 1], masked[IDENT_MOBILE_LEN + 1], ticket[11], code[8];
	unsigned char rnd[5];
	int64_t id, done;
	int rc = organiser(c, x->actor, x->course, &done, err);
	if (rc)
		return rc;
	if (done)
		return px_err_set(err, PX_ECONFLICT, "course_completed", "id", "the course is completed");
	if ((rc = store_get(c, &Q_REGION, err, "t:b", x->region, code, sizeof(code))) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_EINVAL, "unknown_region", "region", "no region '%s'", x->region);
	if ((rc = secret_ident_hash(c, "mobile", x->mobile, hash, err)))
		return rc;
	ident_mask_span(x->mobile, strlen(x->mobile), 3, 4, masked, sizeof(masked));
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(ticket, sizeof(ticket), rnd, sizeof(rnd));
	px_date today = app_today(x->app);
	rc = store_get(c, &Q_ENROL, err, "ittttttiti:i", x->course, x->name, (const char *)hash, (const char *)masked,
		       x->uscc, x->org, x->region, (int64_t)today, (const char *)ticket, app_now_us(x->app), &id);
	if (rc == PX_ECONFLICT)
		return px_err_set(err, PX_ECONFLICT, "already_enrolled", "mobile", "this person is enrolled already");
	if (rc < 0 || (rc = audit_record(c, x->actor, "training.enrol", "tr_course", x->course,
					 json_pack("{s:I, s:s}", "trainee", (json_int_t)id, "uscc", x->uscc), err)))
		return rc;
	char day[11];
	date_format(today, day);
	x->out = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "name", x->name, "mobile_masked", masked,
			   "ticket", ticket, "enrolled_on", day);
	return 0;
}

int training_enrol(struct app *app, const struct app_actor *actor, int64_t course, json_t *req, json_t **out,
		   struct px_err *err)
{
	char mobile[IDENT_MOBILE_LEN + 1];
	struct enrol_tx x = { app, actor, course, json_string_value(json_object_get(req, "name")), mobile,
			      json_string_value(json_object_get(req, "uscc")),
			      json_string_value(json_object_get(req, "org_name")),
			      json_string_value(json_object_get(req, "region")), NULL };
	const char *m = json_string_value(json_object_get(req, "mobile"));
	int rc;
	*out = NULL;
	if ((rc = input_line(x.name, 64, "name", err)) || (rc = input_line(x.org, 160, "org_name", err)))
		return rc;
	if (!m)
		return px_err_set(err, PX_EINVAL, "invalid_mobile", "mobile", "a mobile number is needed");
	if (!ident_mobile_check(m, strlen(m), mobile, err))
		return PX_EINVAL; /* invalid_mobile, field mobile */
	if (!x.uscc || !ident_uscc_check(x.uscc, strlen(x.uscc), NULL, err)) {
		if (err)
			snprintf(err->field, sizeof(err->field), "uscc");
		return PX_EINVAL;
	}
	if (!x.region || !access_region_valid(x.region))
		return px_err_set(err, PX_EINVAL, "unknown_region", "region", "a region is six digits");
	return app_tx_json(app, STORE_TX_WRITE, enrol_tx, &x, &x.out, out, err);
}

struct mark_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t course, trainee;
	int seq;
	enum training_mark mark;
};

static int mark_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct mark_tx *x = arg;
	char starts[8], secret[80];
	int64_t session = 0, day = 0, id = 0, enrolled = 0;
	int rc = organiser(c, x->actor, x->course, NULL, err);
	if (rc || (rc = store_get(c, &Q_SESSION, err, "ii:iibb", x->course, (int64_t)x->seq, &session, &day, starts,
				  sizeof(starts), secret, sizeof(secret))) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "session", "no session %d", x->seq);
	if ((rc = store_get(c, &Q_TRAINEE, err, "ii:ii", x->trainee, x->course, &id, &enrolled)) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "trainee", "no trainee %lld", (long long)x->trainee);
	if (day > app_today(x->app))
		return px_err_set(err, PX_ECONFLICT, "session_not_held", "session", "the session has not taken place");
	if (!training_expected((px_date)enrolled, (px_date)day))
		return px_err_set(err, PX_ECONFLICT, "enrolled_after_session", "session",
				  "the trainee was enrolled after this session and was never expected at it");
	if ((rc = store_run(c, &Q_MARK, err, "iitti", session, x->trainee, training_mark_name(x->mark), "organiser",
			    app_now_us(x->app))))
		return rc;
	return audit_record(c, x->actor, "training.mark", "tr_course", x->course,
			    json_pack("{s:I, s:i, s:s}", "trainee", (json_int_t)x->trainee, "session", x->seq, "mark",
				      training_mark_name(x->mark)),
			    err);
}

int training_mark(struct app *app, const struct app_actor *actor, int64_t course, int seq, int64_t trainee,
		  const char *mark, struct px_err *err)
{
	struct mark_tx x = { app, actor, course, trainee, seq, training_mark_parse(mark) };
	if (x.mark == TRAINING_NONE)
		return px_err_set(err, PX_EINVAL, "invalid_mark", "mark", "a mark is present, late, absent or excused");
	return app_tx(app, STORE_TX_WRITE, mark_tx, &x, err);
}

struct score_tx {
	const struct app_actor *actor;
	int64_t course, trainee;
	int score;
};

static int score_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct score_tx *x = arg;
	int64_t id = 0, enrolled;
	int rc = organiser(c, x->actor, x->course, NULL, err);
	if (rc || (rc = store_get(c, &Q_TRAINEE, err, "ii:ii", x->trainee, x->course, &id, &enrolled)) < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, NULL, "trainee", "no trainee %lld", (long long)x->trainee);
	if ((rc = store_run(c, &Q_SCORE, err, "iii", (int64_t)x->score, x->trainee, x->course)))
		return rc;
	return audit_record(c, x->actor, "training.score", "tr_course", x->course,
			    json_pack("{s:I, s:i}", "trainee", (json_int_t)x->trainee, "score", x->score), err);
}

int training_score(struct app *app, const struct app_actor *actor, int64_t course, int64_t trainee, int score,
		   struct px_err *err)
{
	if (score < 0 || score > 100)
		return px_err_set(err, PX_EINVAL, "out_of_range", "score", "a score is 0..100");
	struct score_tx x = { actor, course, trainee, score };
	return app_tx(app, STORE_TX_WRITE, score_tx, &x, err);
}
