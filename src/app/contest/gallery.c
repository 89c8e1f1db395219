/*
 * gallery.c - the publication of a contest's winners (the engine's notice,
 * 获奖作品名单) and the public gallery of the winning works that follows it;
 * entries that did not win are never in it (contest.h).
 */
#include "app/contest/internal.h"

#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/programme/notice.h"
#include "app/programme/office.h"
#include "app/tx.h"

static struct store_sql Q_WINNERS = STORE_SQL(
	"SELECT a.id, z.track_code, z.place, z.prize, a.form_code, a.form FROM contest_prize z "
	"JOIN application a ON a.id = z.application_id "
	"WHERE z.programme_id = $1 AND a.state = 'winner' ORDER BY z.track_code, z.place, a.id");
static struct store_sql Q_PUBLISH = STORE_SQL(
	"INSERT INTO contest_gallery (programme_id, notice_id, published_at) VALUES ($1, $2, $3)");
static struct store_sql Q_PUBLISHED_AT = STORE_SQL(
	"SELECT published_at FROM contest_gallery WHERE programme_id = $1");

struct gallery_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	struct contest_ctx x;
	struct store_conn *c;
	bool for_notice;
	json_t *out;
};

static const char *str_of(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

/* The entry of a winner: for the notice its list row, for the gallery the work too. */
static int winner_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct gallery_arg *a = arg;
	const struct template *t = a->x.p.tpl;
	int k = template_track_index(t, store_col_text(s, 1));
	const struct tpl_form *form = template_form(t, store_col_text(s, 4));
	const char *prize = store_col_text(s, 3);
	json_t *f = json_parse_stored(store_col_text(s, 5)), *row, *works;
	int rc = 0;
	row = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)store_col_int(s, 0), "category",
			store_col_text(s, 1), "category_name", k >= 0 ? t->tracks[k].name : "", "place",
			(json_int_t)store_col_int(s, 2), "prize", prize, "prize_name", contest_prize_name(&a->x.rules, prize),
			"title", str_of(f, "title"), "author", str_of(f, "author"), "form_label",
			form ? form->label : store_col_text(s, 4));
	if (!a->for_notice) {
		const char *text = json_string_value(json_object_get(f, a->x.rules.text_field));
		json_object_set_new(row, "form", json_string(store_col_text(s, 4)));
		json_object_set_new(row, "description", json_string(str_of(f, "description")));
		json_object_set_new(row, "text", text ? json_string(text) : json_null());
		json_object_set_new(row, "works", works = json_array());
		rc = contest_works_of(a->c, store_col_int(s, 0), works, err);
	}
	json_array_append_new(a->out, row);
	json_decref(f);
	return rc;
}

static int publish_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct gallery_arg *a = arg;
	const struct tpl_stage *st;
	json_t *list = json_array(), *notice = NULL;
	bool published = false;
	int rc;
	if ((rc = contest_load(c, a->id, &a->x, err)))
		goto out;
	if (!programme_is_office(&a->x.p, a->actor)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %lld", (long long)a->id);
		goto out;
	}
	if ((rc = programme_require_kind(&a->x.p, TPL_STAGE_PUBLICATION, &st, err)) ||
	    (rc = contest_published(c, a->id, &published, err)))
		goto out;
	if (published) {
		rc = px_err_set(err, PX_ECONFLICT, "already_published", "programme", "the winners are published already");
		goto out;
	}
	a->c = c;
	a->for_notice = true;
	a->out = list;
	if ((rc = store_each(c, &Q_WINNERS, winner_row, a, err, "i", a->id)))
		goto out;
	a->out = NULL;
	struct notice_spec ns = { .p = &a->x.p, .st = st, .title_key = "notice.winners", .list = list };
	if ((rc = notice_issue(a->app, c, a->actor, &ns, &notice, err)) ||
	    (rc = store_run(c, &Q_PUBLISH, err, "iii", a->id, (int64_t)json_integer_value(json_object_get(notice, "id")),
			    app_now_us(a->app))) ||
	    (rc = audit_record(c, a->actor, "contest.publish", "programme", a->id,
			       json_pack("{s:I}", "winners", (json_int_t)json_array_size(list)), err)))
		goto out;
	a->out = json_pack("{s:O, s:I}", "notice", notice, "winners", (json_int_t)json_array_size(list));
out:
	if (a->out == list)
		a->out = NULL;
	json_decref(list);
	json_decref(notice);
	contest_release(&a->x);
	return rc;
}

int contest_publish(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		    struct px_err *err)
{
	struct gallery_arg a = { .app = app, .actor = actor, .id = programme_id };
	return app_tx_json(app, STORE_TX_WRITE, publish_tx, &a, &a.out, out, err);
}

static int gallery_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct gallery_arg *a = arg;
	json_t *cats = NULL, *rows = json_array(), *row;
	int64_t at = 0;
	size_t i;
	int rc;
	if ((rc = contest_load(c, a->id, &a->x, err)))
		goto out;
	if ((rc = store_get(c, &Q_PUBLISHED_AT, err, "i:i", a->id, &at)) < 0)
		goto out;
	if (rc != STORE_ROW) {
		rc = px_err_set(err, PX_ENOTFOUND, "gallery_not_published", "id", "the contest's winners are not published yet");
		goto out;
	}
	a->c = c;
	a->out = rows;
	if ((rc = store_each(c, &Q_WINNERS, winner_row, a, err, "i", a->id)))
		goto out;
	cats = json_array();
	for (int k = 0; k < a->x.p.tpl->ntracks; k++) {
		json_t *winners = json_array();
		json_array_foreach(rows, i, row)
			if (!strcmp(str_of(row, "category"), a->x.p.tpl->tracks[k].code))
				json_array_append(winners, row);
		json_array_append_new(cats, json_pack("{s:s, s:s, s:i, s:o}", "code", a->x.p.tpl->tracks[k].code, "name",
						      a->x.p.tpl->tracks[k].name, "count", a->x.p.tpl->tracks[k].cap,
						      "winners", winners));
	}
	a->out = json_pack("{s:I, s:s, s:I, s:o}", "programme", (json_int_t)a->id, "title", a->x.p.tpl->title,
			   "published_at", (json_int_t)at, "categories", cats);
	rc = 0;
out:
	if (a->out == rows)
		a->out = NULL;
	json_decref(rows);
	contest_release(&a->x);
	return rc;
}

int contest_gallery(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct gallery_arg a = { .app = app, .actor = &app_actor_public, .id = programme_id };
	return app_tx_json(app, STORE_TX_READ, gallery_tx, &a, &a.out, out, err);
}
