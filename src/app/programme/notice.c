/*
 * notice.c - publishing and reading public notices (see notice.h).
 */
#include "app/programme/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/input.h"
#include "app/json.h"
#include "app/programme/family.h"
#include "app/programme/programme.h"
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
	"SELECT id, stage_code, region, title, list, starts_on, ends_on, workdays, chain_seq, chain_head, "
	"programme_id FROM notice WHERE programme_id = $1 ORDER BY id DESC");
static struct store_sql Q_ONE = STORE_SQL(
	"SELECT id, stage_code, region, title, list, starts_on, ends_on, workdays, chain_seq, chain_head, "
	"programme_id FROM notice WHERE id = $1");

/* The audit chain head, which now includes the notice's own record, kept on the notice. */
static int record_head(struct store_conn *c, int64_t id, struct px_err *err)
{
	int64_t seq = 0;
	char head[65] = "";
	int rc = store_get(c, &Q_HEAD, err, ":ib", &seq, head, sizeof(head));
	if (rc < 0)
		return rc;
	return store_run(c, &Q_SET_HEAD, err, "iti", seq, (const char *)head, id);
}

struct notice_row {
	int64_t programme_id;
	const char *stage, *region, *title;
	json_t *list;
	px_date starts_on;
	int workdays;
};

static int insert_notice(struct app *app, struct store_conn *c, const struct app_actor *actor,
			 const struct notice_row *n, int64_t *id, struct px_err *err)
{
	char starts[11], ends[11], *list = NULL;
	px_date end;
	int rc = calendar_end_of_period(app->cal, n->starts_on, n->workdays, &end, err);

	if (rc)
		return rc;
	date_format(n->starts_on, starts);
	date_format(end, ends);
	if (!(list = json_dumps(n->list, JSON_COMPACT)))
		return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
	rc = store_get(c, &Q_INSERT, err, "ittttttii:i", n->programme_id, n->stage, n->region, n->title,
		       (const char *)list, (const char *)starts, (const char *)ends, (int64_t)n->workdays,
		       app_now_us(app), id);
	free(list);
	if (rc < 0)
		return rc;
	rc = audit_record(c, actor, "notice.publish", "notice", *id,
			  json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:O}", "programme", (json_int_t)n->programme_id,
				    "stage", n->stage, "region", n->region, "title", n->title, "starts_on", starts,
				    "ends_on", ends, "workdays", n->workdays, "list", n->list),
			  err);
	return rc ? rc : record_head(c, *id, err);
}

static int one_json(struct store_conn *c, int64_t id, json_t **out, struct px_err *err);

int notice_issue(struct app *app, struct store_conn *c, const struct app_actor *actor, const struct notice_spec *n,
		 json_t **out, struct px_err *err)
{
	const struct programme *p = n->p;
	char title[512];
	int64_t id = 0;
	int rc;
	struct notice_row row = { p->id, n->st->code, n->region ? n->region : p->region, title, n->list,
				  n->starts_on ? n->starts_on : app_today(app), n->st->notice_workdays };

	if (!row.workdays)
		return px_err_set(err, PX_ECONFLICT, "no_notice_period", "stage", "stage '%s' declares no notice period",
				  n->st->code);
	if (row.workdays < 1 || row.workdays > 60)
		return px_err_set(err, PX_EINVAL, "bad_workdays", "workdays", "a notice runs 1 to 60 working days");
	if (n->title_suffix)
		snprintf(title, sizeof(title), "%s%s（%s）", p->tpl->title, family_text(p->tpl, n->title_key),
			 n->title_suffix);
	else
		snprintf(title, sizeof(title), "%s%s", p->tpl->title, family_text(p->tpl, n->title_key));
	if ((rc = insert_notice(app, c, actor, &row, &id, err)))
		return rc;
	return one_json(c, id, out, err);
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
		while ((rc = store_step(s, err)) == STORE_ROW) {
			json_t *n = row_json(s);
			json_object_set_new(n, "programme", json_integer(store_col_int(s, 10)));
			json_array_append_new(arr, n);
		}
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

static int one_json(struct store_conn *c, int64_t id, json_t **out, struct px_err *err)
{
	struct store_stmt *s;
	int rc = store_prepare(c, &Q_ONE, &s, err);
	if (rc)
		return rc;
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
	return rc;
}

int notice_json(struct app *app, int64_t id, json_t **out, struct px_err *err)
{
	struct store_conn *c = store_acquire(app->st);
	int rc = one_json(c, id, out, err);
	store_release(c);
	return rc;
}
