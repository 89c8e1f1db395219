/*
 * notice.c - publishing and reading public notices (see notice.h).
 */
#include "app/programme/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "core/calendar.h"

static struct store_sql Q_INSERT = STORE_SQL(
	"INSERT INTO notice (programme_id, stage_code, region, title, list, starts_on, ends_on, workdays, "
	"chain_seq, chain_head, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, '', $9) RETURNING id");
static struct store_sql Q_HEAD = STORE_SQL("SELECT seq, hash FROM audit_head WHERE id = 1");
static struct store_sql Q_SET_HEAD = STORE_SQL(
	"UPDATE notice SET chain_seq = $1, chain_head = $2 WHERE id = $3");
static struct store_sql Q_OF_STAGE = STORE_SQL(
	"SELECT ends_on FROM notice WHERE programme_id = $1 AND stage_code = $2 "
	"AND ($3 = '' OR region = $3) ORDER BY ends_on DESC");
static struct store_sql Q_EXISTS = STORE_SQL(
	"SELECT id FROM notice WHERE programme_id = $1 AND stage_code = $2");
static struct store_sql Q_LIST = STORE_SQL(
	"SELECT id, stage_code, region, title, list, starts_on, ends_on, workdays, chain_seq, chain_head "
	"FROM notice WHERE programme_id = $1 ORDER BY id DESC");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT id, stage_code, region, title, list, starts_on, ends_on, workdays, chain_seq, chain_head, "
	"programme_id FROM notice WHERE id = $1");

json_t *notice_date_json(px_date d)
{
	char b[11];
	if (!d)
		return json_null();
	date_format(d, b);
	return json_string(b);
}

int notice_publish(struct app *app, struct store_conn *c, const struct app_actor *actor,
		   const struct notice_new *n, int64_t *id_out, px_date *ends_out, struct px_err *err)
{
	char starts[11], ends[11], object[40], *list = NULL;
	px_date start = n->starts_on ? n->starts_on : app_today(app), end;
	struct store_stmt *s;
	int64_t id = 0;
	int rc;

	if (n->workdays < 1 || n->workdays > 60)
		return px_err_set(err, PX_EINVAL, "bad_workdays", "workdays", "a notice runs 1 to 60 working days");
	rc = calendar_end_of_period(app->cal, start, n->workdays, &end, err);
	if (rc)
		return rc;
	date_format(start, starts);
	date_format(end, ends);
	list = json_dumps(n->list, JSON_COMPACT);
	if (!list)
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	if ((rc = store_prepare(c, &Q_INSERT, &s, err)))
		goto out;
	store_bind_int(s, 1, n->programme_id);
	store_bind_text(s, 2, n->stage_code);
	store_bind_text(s, 3, n->region);
	store_bind_text(s, 4, n->title);
	store_bind_text(s, 5, list);
	store_bind_text(s, 6, starts);
	store_bind_text(s, 7, ends);
	store_bind_int(s, 8, n->workdays);
	store_bind_int(s, 9, app_now_us(app));
	rc = store_step(s, err);
	if (rc == STORE_ROW)
		id = store_col_int(s, 0);
	store_reset(s);
	if (rc < 0)
		goto out;
	snprintf(object, sizeof(object), "notice:%lld", (long long)id);
	json_t *payload = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:o}", "programme",
				    (json_int_t)n->programme_id, "stage", n->stage_code, "region", n->region,
				    "title", n->title, "starts_on", starts, "ends_on", ends, "workdays",
				    n->workdays, "list", json_incref(n->list));
	rc = audit_append(c, actor, "notice.publish", object, payload, err);
	json_decref(payload);
	if (rc)
		goto out;
	/* the head now includes this notice's own record */
	if ((rc = store_prepare(c, &Q_HEAD, &s, err)))
		goto out;
	rc = store_step(s, err);
	int64_t seq = store_col_int(s, 0);
	char head[65];
	snprintf(head, sizeof(head), "%s", store_col_text(s, 1));
	store_reset(s);
	if (rc < 0 || (rc = store_run(c, &Q_SET_HEAD, err, "iti", seq, (const char *)head, id)))
		goto out;
	if (id_out)
		*id_out = id;
	if (ends_out)
		*ends_out = end;
out:
	free(list);
	return rc < 0 ? rc : 0;
}

int notice_exists(struct store_conn *c, int64_t programme_id, const char *stage_code, bool *yes,
		  struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_EXISTS, &s, err);
	if (rc)
		return rc;
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, stage_code);
	rc = store_step(s, err);
	*yes = rc == STORE_ROW;
	store_reset(s);
	return rc < 0 ? rc : 0;
}

int notice_require_ended_in(struct app *app, struct store_conn *c, int64_t programme_id,
			    const char *stage_code, const char *region, struct px_err *err)
{
	struct store_stmt *s;
	char today[11], last[11] = "";
	int rc = store_prepare(c, &Q_OF_STAGE, &s, err);
	if (rc)
		return rc;
	date_format(app_today(app), today);
	store_bind_int(s, 1, programme_id);
	store_bind_text(s, 2, stage_code);
	store_bind_text(s, 3, region ? region : "");
	if ((rc = store_step(s, err)) == STORE_ROW)
		snprintf(last, sizeof(last), "%s", store_col_text(s, 0));
	store_reset(s);
	if (rc < 0)
		return rc;
	if (!last[0])
		return px_err_set(err, PX_ECONFLICT, "notice_missing", "stage",
				  "no public notice was published in stage '%s'", stage_code);
	/* the notice runs through its last day: it has ended once today is later */
	if (strcmp(today, last) <= 0)
		return px_err_set(err, PX_ECONFLICT, "notice_running", "stage",
				  "the public notice of stage '%s' runs until %s", stage_code, last);
	return 0;
}

int notice_require_ended(struct app *app, struct store_conn *c, int64_t programme_id,
			 const char *stage_code, struct px_err *err)
{
	return notice_require_ended_in(app, c, programme_id, stage_code, NULL, err);
}

static json_t *row_json(struct store_stmt *s)
{
	json_error_t je;
	json_t *list = json_loads(store_col_text(s, 4), 0, &je);
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:I, s:{s:I, s:s}}", "id",
			 (json_int_t)store_col_int(s, 0), "stage", store_col_text(s, 1), "region",
			 store_col_text(s, 2), "title", store_col_text(s, 3), "list",
			 list ? list : json_array(), "starts_on", store_col_text(s, 5), "ends_on",
			 store_col_text(s, 6), "workdays", (json_int_t)store_col_int(s, 7), "audit_head",
			 "seq", (json_int_t)store_col_int(s, 8), "hash", store_col_text(s, 9));
}

int notice_list_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	json_t *arr = json_array();
	int rc = store_prepare(c, &Q_LIST, &s, err);
	if (!rc) {
		store_bind_int(s, 1, programme_id);
		while ((rc = store_step(s, err)) == STORE_ROW)
			json_array_append_new(arr, row_json(s));
		store_reset(s);
	}
	store_release(c);
	if (rc < 0) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int notice_json(struct app *app, int64_t id, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ONE, &s, err);
	if (!rc) {
		store_bind_int(s, 1, id);
		rc = store_step(s, err);
		if (rc == STORE_ROW) {
			*out = row_json(s);
			json_object_set_new(*out, "programme", json_integer(store_col_int(s, 10)));
			rc = 0;
		} else if (rc == STORE_DONE) {
			rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no notice %lld", (long long)id);
		}
		store_reset(s);
	}
	store_release(c);
	return rc;
}
