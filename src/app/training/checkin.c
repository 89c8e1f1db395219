/*
 * checkin.c - the rotating code shown at a session and the trainee's own
 * check-in with it (training.h): no account, the ticket given at enrolment
 * and the code of the last minute; more than TRAINING_LATE_AFTER_MIN
 * minutes after the start is late. A mark the organiser set stays.
 */
#include "app/training/training.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/audit.h"
#include "app/tx.h"
#include "core/training.h"

static struct store_sql Q_SESSION = STORE_SQL(
	"SELECT s.id, s.day, s.starts, s.secret, c.owner_region FROM tr_session s JOIN tr_course c ON c.id = s.course_id "
	"WHERE s.course_id = $1 AND s.seq = $2");
static struct store_sql Q_TICKET = STORE_SQL(
	"SELECT t.id, t.course_id, s.id, s.seq, s.starts, s.secret FROM tr_trainee t "
	"JOIN tr_session s ON s.course_id = t.course_id AND s.day = $2 WHERE t.ticket = $1 ORDER BY s.seq LIMIT 1");
static struct store_sql Q_SELF = STORE_SQL(
	"INSERT INTO tr_attendance (session_id, trainee_id, mark, source, at) VALUES ($1, $2, $3, 'self', $4) "
	"ON CONFLICT (session_id, trainee_id) DO NOTHING RETURNING mark");
static struct store_sql Q_MARK_OF = STORE_SQL(
	"SELECT mark FROM tr_attendance WHERE session_id = $1 AND trainee_id = $2");

static bool secret_of(const char *hex, unsigned char key[TRAINING_SECRET_BYTES])
{
	size_t n = 0;
	return !sodium_hex2bin(key, TRAINING_SECRET_BYTES, hex, strlen(hex), NULL, &n, NULL) && n == TRAINING_SECRET_BYTES;
}

/* Unix seconds of an instant of app_now_us(), and its minute of the day in China (UTC+8). */
static int64_t seconds_now(struct app *app, int *minute)
{
	int64_t s = app_now_us(app) / 1000000;
	*minute = (int)(((s + 8 * 3600) % 86400) / 60);
	return s;
}

struct code_tx {
	struct app *app;
	const struct app_actor *actor;
	int64_t course;
	int seq;
	json_t *out;
};

static int code_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct code_tx *x = arg;
	char starts[8], hex[80], owner[8];
	int64_t id, day;
	unsigned char key[TRAINING_SECRET_BYTES];
	int minute, rc = store_get(c, &Q_SESSION, err, "ii:iibbb", x->course, (int64_t)x->seq, &id, &day, starts,
				   sizeof(starts), hex, sizeof(hex), owner, sizeof(owner));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !training_organises(x->actor, owner) || !secret_of(hex, key))
		return px_err_set(err, PX_ENOTFOUND, NULL, "session", "no session %d of course %lld", x->seq,
				  (long long)x->course);
	if (day != app_today(x->app))
		return px_err_set(err, PX_ECONFLICT, "not_session_day", "session", "the code is shown on the session's day");
	char code[7];
	int64_t now = seconds_now(x->app, &minute);
	training_checkin_code(key, now, code);
	sodium_memzero(key, sizeof(key));
	x->out = json_pack("{s:s, s:I}", "code", code, "valid_for",
			   (json_int_t)(TRAINING_CODE_WINDOW_S - now % TRAINING_CODE_WINDOW_S));
	return 0;
}

int training_code(struct app *app, const struct app_actor *actor, int64_t course, int seq, json_t **out,
		  struct px_err *err)
{
	struct code_tx x = { app, actor, course, seq, NULL };
	return app_tx_json(app, STORE_TX_READ, code_tx, &x, &x.out, out, err);
}

struct checkin_tx {
	struct app *app;
	const char *ticket, *code;
	json_t *out;
};

static int checkin_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct checkin_tx *x = arg;
	char starts[8], hex[80], mark[16] = "";
	int64_t trainee, course, session, seq;
	unsigned char key[TRAINING_SECRET_BYTES];
	int minute, rc = store_get(c, &Q_TICKET, err, "ti:iiiibb", x->ticket, (int64_t)app_today(x->app), &trainee, &course,
				   &session, &seq, starts, sizeof(starts), hex, sizeof(hex));
	if (rc < 0)
		return rc;
	if (rc != STORE_ROW || !secret_of(hex, key))
		return px_err_set(err, PX_ENOTFOUND, "no_session_today", "ticket", "no session today for this ticket");
	int64_t now = seconds_now(x->app, &minute);
	bool ok = training_checkin_valid(key, now, x->code);
	sodium_memzero(key, sizeof(key));
	if (!ok)
		return px_err_set(err, PX_EINVAL, "wrong_code", "code", "the code is not the one shown now");
	int start = (starts[0] - '0') * 600 + (starts[1] - '0') * 60 + (starts[3] - '0') * 10 + (starts[4] - '0');
	const char *m = minute > start + TRAINING_LATE_AFTER_MIN ? "late" : "present";
	if ((rc = store_get(c, &Q_SELF, err, "iiti:b", session, trainee, m, app_now_us(x->app), mark, sizeof(mark))) < 0)
		return rc;
	if (rc != STORE_ROW && (rc = store_get(c, &Q_MARK_OF, err, "ii:b", session, trainee, mark, sizeof(mark))) < 0)
		return rc;
	x->out = json_pack("{s:I, s:I, s:s}", "course", (json_int_t)course, "session", (json_int_t)seq, "mark", mark);
	return audit_record(c, &app_actor_public, "training.checkin", "tr_course", course,
			    json_pack("{s:I, s:I, s:s}", "trainee", (json_int_t)trainee, "session", (json_int_t)seq, "mark", mark),
			    err);
}

int training_checkin(struct app *app, const char *ticket, const char *code, json_t **out, struct px_err *err)
{
	*out = NULL;
	if (!ticket || strlen(ticket) != 10 || strspn(ticket, "0123456789abcdef") != 10)
		return px_err_set(err, PX_ENOTFOUND, "no_session_today", "ticket", "no session today for this ticket");
	struct checkin_tx x = { app, ticket, code, NULL };
	return app_tx_json(app, STORE_TX_WRITE, checkin_tx, &x, &x.out, out, err);
}
