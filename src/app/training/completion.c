/*
 * completion.c - completing a chief quality officer course, verifying its
 * certificates, and the count toward the province's thousand (training.h).
 * Completion runs after the last session: each trainee is evaluated by
 * core/training's rule; a certificate code goes to each one complete.
 */
#include "app/training/training.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/training.h"

#define MAX_SESSIONS 40

static struct store_sql Q_COURSE = STORE_SQL(
	"SELECT owner_region, share_pct, pass_score, (SELECT max(day) FROM tr_session WHERE course_id = $1) "
	"FROM tr_course WHERE id = $1");
static struct store_sql Q_SESSIONS = STORE_SQL(
	"SELECT id, day, hours10 FROM tr_session WHERE course_id = $1 ORDER BY seq");
static struct store_sql Q_TRAINEES = STORE_SQL(
	"SELECT id, enrolled_on, coalesce(score, -1), name FROM tr_trainee WHERE course_id = $1 AND certificate IS NULL "
	"ORDER BY id");
static struct store_sql Q_MARK = STORE_SQL("SELECT mark FROM tr_attendance WHERE session_id = $1 AND trainee_id = $2");
static struct store_sql Q_ISSUE = STORE_SQL(
	"UPDATE tr_trainee SET certificate = $1, completed_on = $2 WHERE id = $3");
static struct store_sql Q_DONE = STORE_SQL("UPDATE tr_course SET completed_on = $1 WHERE id = $2");
static struct store_sql Q_VERIFY = STORE_SQL(
	"SELECT t.name, t.org_name, c.title, c.level, t.completed_on FROM tr_trainee t JOIN tr_course c ON c.id = t.course_id "
	"WHERE t.certificate = $1");
static struct store_sql Q_STATS = STORE_SQL(
	"SELECT substr(t.region, 1, 4) || '00', coalesce(min(r.name), ''), count(*), "
	"sum(CASE WHEN t.certificate IS NOT NULL THEN 1 ELSE 0 END) FROM tr_trainee t "
	"LEFT JOIN region r ON r.code = substr(t.region, 1, 4) || '00' WHERE substr(t.region, 1, $1) = $2 "
	"GROUP BY substr(t.region, 1, 4) ORDER BY 1");

struct complete_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t course;
	struct training_session s[MAX_SESSIONS];
	int64_t ids[MAX_SESSIONS];
	size_t n;
	int share, pass;
	struct store_conn *c;
	json_t *out;
};

static int session_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct complete_tx *x = arg;
	(void)err;
	if (x->n < MAX_SESSIONS) {
		x->ids[x->n] = store_col_int(s, 0);
		x->s[x->n] = (struct training_session){ (px_date)store_col_int(s, 1), (int)store_col_int(s, 2), TRAINING_NONE };
		x->n++;
	}
	return 0;
}

/* Evaluate one trainee (a row of Q_TRAINEES) and issue the certificate when complete. */
static int evaluate(struct complete_tx *x, int64_t id, px_date enrolled, int score, const char *name, struct px_err *err)
{
	char mark[16], code[16];
	unsigned char rnd[5];
	struct training_result r;
	int rc;
	for (size_t i = 0; i < x->n; i++) {
		mark[0] = '\0';
		if ((rc = store_get(x->c, &Q_MARK, err, "ii:b", x->ids[i], id, mark, sizeof(mark))) < 0)
			return rc;
		x->s[i].mark = training_mark_parse(mark);
	}
	training_evaluate(x->s, x->n, enrolled, score, x->share, x->pass, &r);
	json_t *row = json_pack("{s:I, s:s, s:f, s:o}", "id", (json_int_t)id, "name", name, "attended",
				r.expected_tenths ? 100.0 * r.attended_tenths / r.expected_tenths : 0.0, "score",
				score < 0 ? json_null() : json_integer(score));
	if (!r.complete) {
		json_object_set_new(row, "reason", json_string(!r.attendance_ok ? "attendance" : "score"));
		json_array_append_new(json_object_get(x->out, "not_completed"), row);
		return 0;
	}
	randombytes_buf(rnd, sizeof(rnd));
	snprintf(code, sizeof(code), "CQO");
	sodium_bin2hex(code + 3, sizeof(code) - 3, rnd, sizeof(rnd));
	for (char *p = code + 3; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	json_object_set_new(row, "certificate", json_string(code));
	json_array_append_new(json_object_get(x->out, "completed"), row);
	return store_run(x->c, &Q_ISSUE, err, "tii", (const char *)code, (int64_t)app_today(x->app), id);
}

static int complete_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct complete_tx *x = arg;
	char owner[8] = "";
	int64_t share = 0, pass = 0, last = 0;
	struct store_stmt *s;
	int rc = store_get(c, &Q_COURSE, err, "i:biii", x->course, owner, sizeof(owner), &share, &pass, &last);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !training_organises(x->actor, owner))
		return px_err_set(err, PX_ENOTFOUND, NULL, "id", "no course %lld", (long long)x->course);
	if (last >= app_today(x->app))
		return px_err_set(err, PX_ECONFLICT, "course_running", "id", "the last session is not over yet");
	x->c = c;
	x->n = 0;
	x->share = (int)share;
	x->pass = (int)pass;
	x->out = json_pack("{s:[], s:[]}", "completed", "not_completed");
	if ((rc = store_each(c, &Q_SESSIONS, session_row, x, err, "i", x->course)) < 0)
		return rc;
	/* the trainees are read first, then each evaluated: one statement at a time on the connection */
	json_t *todo = json_array();
	if ((rc = store_prepare(c, &Q_TRAINEES, &s, err))) {
		json_decref(todo);
		return rc;
	}
	store_bind_int(s, 1, x->course);
	while ((rc = store_step(s, err)) == STORE_ROW)
		json_array_append_new(todo, json_pack("[I, I, I, s]", (json_int_t)store_col_int(s, 0),
						      (json_int_t)store_col_int(s, 1), (json_int_t)store_col_int(s, 2),
						      store_col_text(s, 3)));
	store_reset(s);
	size_t i;
	json_t *t;
	json_array_foreach(todo, i, t) {
		if (rc < 0)
			break;
		rc = evaluate(x, json_integer_value(json_array_get(t, 0)), (px_date)json_integer_value(json_array_get(t, 1)),
			      (int)json_integer_value(json_array_get(t, 2)), json_string_value(json_array_get(t, 3)), err);
	}
	json_decref(todo);
	if (rc < 0 || (rc = store_run(c, &Q_DONE, err, "ii", (int64_t)app_today(x->app), x->course)))
		return rc;
	return audit_record(c, x->actor, "training.complete", "tr_course", x->course,
			    json_pack("{s:I}", "completed", (json_int_t)json_array_size(json_object_get(x->out, "completed"))),
			    err);
}

int training_complete(struct app *app, const struct app_actor *actor, int64_t course, json_t **out,
		      struct px_err *err)
{
	struct complete_tx *x = calloc(1, sizeof(*x));
	if (!x)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	x->app = app;
	x->actor = actor;
	x->course = course;
	int rc = app_tx_json(app, STORE_TX_WRITE, complete_tx, x, &x->out, out, err);
	free(x);
	return rc;
}

struct verify_tx {
	const char *code;
	json_t *out;
};

static int verify_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct verify_tx *v = arg;
	char name[80], org[200], title[256], level[16], day[11];
	int64_t done = 0;
	int rc = store_get(c, &Q_VERIFY, err, "t:bbbbi", v->code, name, sizeof(name), org, sizeof(org), title,
			   sizeof(title), level, sizeof(level), &done);
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW)
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate has this code");
	date_format((px_date)done, day);
	v->out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", v->code, "name", name, "org_name", org, "course",
			   title, "level", level, "completed_on", day);
	return 0;
}

int training_verify(struct app *app, const char *code, json_t **out, struct px_err *err)
{
	struct verify_tx v = { code, NULL };
	*out = NULL;
	if (!code || strlen(code) != 13 || strncmp(code, "CQO", 3) || strspn(code + 3, "0123456789ABCDEF") != 10)
		return px_err_set(err, PX_ENOTFOUND, "certificate_not_found", "code", "no certificate has this code");
	return app_tx_json(app, STORE_TX_READ, verify_tx, &v, &v.out, out, err);
}

static int stats_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:s, s:s, s:I, s:I}", "region", store_col_text(s, 0), "name",
					     store_col_text(s, 1), "enrolled", (json_int_t)store_col_int(s, 2),
					     "completed", (json_int_t)store_col_int(s, 3)));
	return 0;
}

struct stats_tx {
	const char *prefix;
	json_t *out;
};

static int stats_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct stats_tx *x = arg;
	json_t *rows = json_array();
	int64_t enrolled = 0, completed = 0;
	x->out = json_pack("{s:i, s:o}", "target", TRAINING_TARGET, "by_city", rows);
	int rc = store_each(c, &Q_STATS, stats_row, rows, err, "it", (int64_t)strlen(x->prefix), x->prefix);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		enrolled += json_integer_value(json_object_get(r, "enrolled"));
		completed += json_integer_value(json_object_get(r, "completed"));
	}
	json_object_set_new(x->out, "enrolled", json_integer(enrolled));
	json_object_set_new(x->out, "completed", json_integer(completed));
	return rc < 0 ? rc : 0;
}

int training_stats(struct app *app, const struct app_actor *actor, json_t **out, struct px_err *err)
{
	char prefix[8];
	*out = NULL;
	if (!app_scope_prefix(actor, prefix))
		return px_err_set(err, PX_EFORBIDDEN, NULL, NULL, "the staff read the training figures");
	struct stats_tx x = { prefix, NULL };
	return app_tx_json(app, STORE_TX_READ, stats_tx, &x, &x.out, out, err);
}
