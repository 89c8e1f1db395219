/*
 * course.c - organising a chief quality officer course and reading it
 * (training.h): the level follows the organiser's region, sessions have a
 * day, a start, a place and hours, and each session a secret for its
 * rotating check-in code.
 */
#include "app/training/training.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/scope.h"
#include "app/json.h"
#include "app/tx.h"
#include "core/access.h"
#include "core/training.h"

#define MAX_SESSIONS 40

static struct store_sql Q_COURSE = STORE_SQL(
	"INSERT INTO tr_course (title, level, owner_region, share_pct, pass_score, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
static struct store_sql Q_SESSION = STORE_SQL(
	"INSERT INTO tr_session (course_id, seq, day, starts, place, hours10, secret) VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT id, title, level, owner_region, share_pct, pass_score, coalesce(completed_on, 0) FROM tr_course WHERE id = $1");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT c.id, c.title, c.level, c.owner_region, c.share_pct, c.pass_score, coalesce(c.completed_on, 0), "
	"(SELECT count(*) FROM tr_trainee t WHERE t.course_id = c.id), "
	"(SELECT count(*) FROM tr_trainee t WHERE t.course_id = c.id AND t.certificate IS NOT NULL) "
	"FROM tr_course c ORDER BY c.id DESC");
static struct store_sql Q_SESSIONS = STORE_SQL(
	"SELECT seq, day, starts, place, hours10 FROM tr_session WHERE course_id = $1 ORDER BY seq");
static struct store_sql Q_TRAINEES = STORE_SQL(
	"SELECT id, name, mobile_masked, uscc, org_name, region, enrolled_on, ticket, coalesce(score, -1), "
	"coalesce(certificate, '') FROM tr_trainee WHERE course_id = $1 ORDER BY id");
static struct store_sql Q_MARKS = STORE_SQL(
	"SELECT a.trainee_id, s.seq, a.mark, a.source FROM tr_attendance a JOIN tr_session s ON s.id = a.session_id "
	"WHERE s.course_id = $1 ORDER BY a.trainee_id, s.seq");

/* The level of an organiser's region: province XX0000, city XXYY00, else county. */
static const char *level_of(const char *region)
{
	if (!strcmp(region + 2, "0000"))
		return "province";
	return !strcmp(region + 4, "00") ? "city" : "county";
}

struct create_tx {
	struct app *app;
	const struct app_actor *actor;
	json_t *req;
	const char *region;
	int64_t id;
};

/* One session of the request, checked: day, "HH:MM", place, hours (0.5 .. 12). */
static int session_tx(struct store_conn *c, struct create_tx *x, json_t *s, int seq, struct px_err *err)
{
	const char *day = json_string_value(json_object_get(s, "date")), *starts = json_string_value(json_object_get(s, "starts"));
	const char *place = json_string_value(json_object_get(s, "place"));
	double hours = json_number_value(json_object_get(s, "hours"));
	unsigned char key[TRAINING_SECRET_BYTES];
	char field[32], hex[2 * TRAINING_SECRET_BYTES + 1];
	px_date d;
	int rc;

	snprintf(field, sizeof(field), "sessions[%d]", seq - 1);
	if ((rc = input_date(day, field, &d, err)) || (rc = input_line(place, 200, field, err)))
		return rc;
	if (!starts || strlen(starts) != 5 || starts[2] != ':' || strspn(starts, "0123456789:") != 5 ||
	    (starts[0] - '0') * 10 + starts[1] - '0' > 23 || starts[3] > '5')
		return px_err_set(err, PX_EINVAL, "invalid_time", field, "a start is HH:MM");
	if (hours < 0.5 || hours > 12)
		return px_err_set(err, PX_EINVAL, "out_of_range", field, "a session lasts 0.5 to 12 hours");
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	return store_run(c, &Q_SESSION, err, "iiittit", x->id, (int64_t)seq, (int64_t)d, starts, place,
			 (int64_t)(hours * 10 + 0.5), (const char *)hex);
}

static int create_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct create_tx *x = arg;
	const char *title = json_string_value(json_object_get(x->req, "title"));
	json_int_t share = json_integer_value(json_object_get(x->req, "share_pct"));
	json_int_t pass = json_integer_value(json_object_get(x->req, "pass_score"));
	json_t *sessions = json_object_get(x->req, "sessions"), *s;
	size_t i;
	int rc;

	if ((rc = input_line(title, 200, "title", err)))
		return rc;
	if (share < 1 || share > 100 || pass < 0 || pass > 100)
		return px_err_set(err, PX_EINVAL, "out_of_range", share < 1 || share > 100 ? "share_pct" : "pass_score",
				  "a share is 1..100 per cent, a pass mark 0..100");
	if (!json_is_array(sessions) || !json_array_size(sessions) || json_array_size(sessions) > MAX_SESSIONS)
		return px_err_set(err, PX_EINVAL, "missing_field", "sessions", "1 to %d sessions", MAX_SESSIONS);
	if ((rc = store_get(c, &Q_COURSE, err, "tttiii:i", title, level_of(x->region), x->region, (int64_t)share,
			    (int64_t)pass, app_now_us(x->app), &x->id)) < 0)
		return rc;
	json_array_foreach(sessions, i, s)
		if ((rc = session_tx(c, x, s, (int)i + 1, err)))
			return rc;
	return audit_record(c, x->actor, "training.course", "tr_course", x->id,
			    json_pack("{s:s, s:s, s:I}", "title", title, "level", level_of(x->region), "sessions",
				      (json_int_t)json_array_size(sessions)),
			    err);
}

int training_course_create(struct app *app, const struct app_actor *actor, json_t *req, int64_t *id,
			   struct px_err *err)
{
	*id = 0;
	if (!app_actor_is(actor, ROLE_OFFICE) && !app_actor_is(actor, ROLE_COUNTY))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "an office or a county bureau organises courses");
	struct create_tx x = { app, actor, req, actor->kind == ACTOR_CLI ? "430000" : actor->region, 0 };
	int rc = app_tx(app, STORE_TX_WRITE, create_tx, &x, err);
	if (!rc)
		*id = x.id;
	return rc;
}

static json_t *course_json(struct store_stmt *s)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:o}", "id", (json_int_t)store_col_int(s, 0), "title",
			 store_col_text(s, 1), "level", store_col_text(s, 2), "region", store_col_text(s, 3), "share_pct",
			 (json_int_t)store_col_int(s, 4), "pass_score", (json_int_t)store_col_int(s, 5), "completed_on",
			 json_date((px_date)store_col_int(s, 6)));
}

static int session_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:I, s:o, s:s, s:s, s:f}", "seq", (json_int_t)store_col_int(s, 0),
					     "date", json_date((px_date)store_col_int(s, 1)), "starts", store_col_text(s, 2),
					     "place", store_col_text(s, 3), "hours", store_col_int(s, 4) / 10.0));
	return 0;
}

static int trainee_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	int64_t score = store_col_int(s, 8);
	json_array_append_new(arg, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:{}}", "id",
					     (json_int_t)store_col_int(s, 0), "name", store_col_text(s, 1),
					     "mobile_masked", store_col_text(s, 2), "uscc", store_col_text(s, 3),
					     "org_name", store_col_text(s, 4), "region", store_col_text(s, 5),
					     "enrolled_on", json_date((px_date)store_col_int(s, 6)), "ticket",
					     store_col_text(s, 7), "score", score < 0 ? json_null() : json_integer(score),
					     "certificate", *store_col_text(s, 9) ? json_string(store_col_text(s, 9)) : json_null(),
					     "marks"));
	return 0;
}

/* Each mark into its trainee's "marks" object, by session number. */
static int mark_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	size_t i;
	json_t *t;
	char seq[16];
	json_array_foreach((json_t *)arg, i, t)
		if (json_integer_value(json_object_get(t, "id")) == store_col_int(s, 0)) {
			snprintf(seq, sizeof(seq), "%lld", (long long)store_col_int(s, 1));
			json_object_set_new(json_object_get(t, "marks"), seq, json_string(store_col_text(s, 2)));
		}
	return 0;
}

struct get_tx {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int get_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct get_tx *g = arg;
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ONE, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, g->id);
	if ((rc = store_step(s, err)) == STORE_ROW && app_actor_in_region(g->actor, store_col_text(s, 3), NULL))
		g->out = course_json(s);
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!g->out)
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no course %lld", (long long)g->id);
	json_t *sessions = json_array(), *trainees = json_array();
	json_object_set_new(g->out, "sessions", sessions);
	json_object_set_new(g->out, "trainees", trainees);
	if ((rc = store_each(c, &Q_SESSIONS, session_row, sessions, err, "i", g->id)) < 0 ||
	    (rc = store_each(c, &Q_TRAINEES, trainee_row, trainees, err, "i", g->id)) < 0 ||
	    (rc = store_each(c, &Q_MARKS, mark_row, trainees, err, "i", g->id)) < 0)
		return rc;
	return 0;
}

int training_course_get(struct app *app, const struct app_actor *actor, int64_t id, json_t **out, struct px_err *err)
{
	struct get_tx g = { actor, id, NULL };
	return app_tx_json(app, STORE_TX_READ, get_tx, &g, &g.out, out, err);
}

struct list_tx {
	const struct app_actor *actor;
	json_t *out;
};

static int list_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	(void)err;
	if (!app_actor_in_region(l->actor, store_col_text(s, 3), NULL))
		return 0;
	json_t *o = course_json(s);
	json_object_set_new(o, "trainees", json_integer(store_col_int(s, 7)));
	json_object_set_new(o, "completed", json_integer(store_col_int(s, 8)));
	json_array_append_new(json_object_get(l->out, "courses"), o);
	return 0;
}

static int list_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct list_tx *l = arg;
	l->out = json_pack("{s:[]}", "courses");
	int rc = store_each(c, &Q_LIST, list_row, l, err, "");
	return rc < 0 ? rc : 0;
}

int training_course_list(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	struct list_tx l = { actor, NULL };
	return app_tx_json(app, STORE_TX_READ, list_tx, &l, &l.out, out, err);
}
