/*
 * judge.c - the contest's judging (contest.h): per category, entries in
 * review ranked by their review score under the category's number of
 * winners, the bar and the declared tie-break (core/rank.h, the rule every
 * programme's ranking follows), prizes given in order of place by the
 * template's split; the office's board; the exit check of judging.
 */
#include "app/contest/internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/programme/application.h"
#include "app/programme/office.h"
#include "app/scope.h"
#include "app/tx.h"
#include "core/rank.h"

#define PERSON_APPLICANT (1LL << 40) /* keeps person ids apart from organisation ids */

static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, a.track_code, coalesce(a.organisation_id, 0), coalesce(a.person_id, 0), "
	"coalesce(a.submitted_at, a.created_at), coalesce(sr.score, -1) FROM application a "
	"LEFT JOIN stage_result sr ON sr.application_id = a.id AND sr.stage_code = $2 "
	"WHERE a.programme_id = $1 AND a.state = 'accepted' ORDER BY a.id");
static struct store_sql Q_PRIZE_INSERT = STORE_SQL(
	"INSERT INTO contest_prize (application_id, programme_id, track_code, place, prize, score, created_at) "
	"VALUES ($1, $2, $3, $4, $5, $6, $7)");
static struct store_sql Q_OPEN = STORE_SQL(
	"SELECT count(*) FROM application WHERE programme_id = $1 AND state = 'accepted'");
static struct store_sql Q_BOARD = STORE_SQL(
	"SELECT a.id, a.track_code, a.form_code, a.state, a.form, coalesce(sr.score, -1), coalesce(z.place, 0), "
	"coalesce(z.prize, ''), (SELECT count(*) FROM contest_work w WHERE w.application_id = a.id) "
	"FROM application a LEFT JOIN stage_result sr ON sr.application_id = a.id AND sr.stage_code = $2 "
	"LEFT JOIN contest_prize z ON z.application_id = a.id "
	"WHERE a.programme_id = $1 AND a.state <> 'draft' ORDER BY a.track_code, coalesce(z.place, 0) = 0, z.place, a.id");

/* The code of the contest's review stage (the last one), "" when none. */
static const char *review_stage(const struct template *t)
{
	const char *code = "";
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_REVIEW)
			code = t->stages[i].code;
	return code;
}

struct judge_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	struct contest_ctx x;
	struct rank_candidate *cands;
	size_t n, cap;
	int counts[TPL_MAX_TRACKS][CONTEST_PRIZES_MAX];
	json_t *out;
};

static int candidate_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct judge_arg *a = arg;
	int track = template_track_index(a->x.p.tpl, store_col_text(s, 1));
	struct rank_candidate *k;
	if (store_col_int(s, 5) < 0)
		return px_err_set(err, PX_ECONFLICT, "score_missing", "id", "entry %lld has no score from its review",
				  (long long)store_col_int(s, 0));
	if (a->n == a->cap) {
		size_t ncap = a->cap ? a->cap * 2 : 64;
		void *m = realloc(a->cands, ncap * sizeof(*a->cands));
		if (!m)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		a->cands = m;
		a->cap = ncap;
	}
	k = &a->cands[a->n++];
	memset(k, 0, sizeof(*k));
	k->id = store_col_int(s, 0);
	k->applicant = store_col_int(s, 2) ? store_col_int(s, 2) : PERSON_APPLICANT | store_col_int(s, 3);
	k->track = (uint32_t)(track < 0 ? 0 : track);
	k->score = k->material = store_col_int(s, 5);
	k->submitted_at = store_col_int(s, 4);
	return 0;
}

/* The prize of a rank in track k: the first level whose running count reaches it. */
static int prize_of(const struct judge_arg *a, uint32_t k, uint32_t rank)
{
	int upto = 0;
	for (int i = 0; i < a->x.rules.nprizes; i++)
		if ((upto += a->counts[k][i]) >= (int)rank)
			return i;
	return a->x.rules.nprizes - 1;
}

static int apply_one(struct store_conn *c, struct judge_arg *a, const struct rank_entry *re, struct px_err *err)
{
	static const char *const from[] = { "accepted", NULL };
	const struct rank_candidate *k = &a->cands[re->index];
	const struct tpl_track *tr = &a->x.p.tpl->tracks[re->track];
	struct application e;
	int rc;
	if ((rc = application_load(c, re->id, &e, err)) ||
	    (rc = application_move(c, a->actor, &e, from, re->placed ? "winner" : "not_proposed",
				   rank_reason_name(re->reason), err)) || !re->placed)
		return rc;
	return store_run(c, &Q_PRIZE_INSERT, err, "iititii", re->id, a->id, tr->code, (int64_t)re->rank,
			 a->x.rules.prize_code[prize_of(a, re->track, re->rank)], k->score, app_now_us(a->app));
}

static int rank_and_apply(struct store_conn *c, struct judge_arg *a, struct px_err *err)
{
	const struct template *t = a->x.p.tpl;
	enum rank_key keys[TPL_MAX_TIE_KEYS];
	uint32_t caps[TPL_MAX_TRACKS];
	struct rank_result res = { 0 };
	int rc = 0;
	for (int k = 0; k < t->ntie && !rc; k++)
		rc = rank_key_parse(t->tie_break[k], &keys[k], err);
	for (int k = 0; k < t->ntracks && !rc; k++) {
		caps[k] = (uint32_t)t->tracks[k].cap;
		rc = contest_split(t, a->x.section, &a->x.rules, k, a->counts[k], err);
	}
	if (rc)
		return rc;
	struct rank_config cfg = { .ntracks = (uint32_t)t->ntracks, .caps = caps, .bar = t->bar,
				   .applicant_limit = (uint32_t)t->applicant_limit, .keys = keys,
				   .nkeys = (size_t)t->ntie };
	if ((rc = rank_run(a->cands, a->n, &cfg, &res, err)))
		return rc;
	for (size_t i = 0; i < res.n && !rc; i++)
		rc = apply_one(c, a, &res.entries[i], err);
	if (!rc)
		rc = audit_record(c, a->actor, "contest.judge", "programme", a->id,
				  json_pack("{s:I, s:o}", "candidates", (json_int_t)a->n, "bar", json_hundredths(t->bar)),
				  err);
	rank_result_release(&res);
	return rc;
}

static int board_in(struct store_conn *c, struct judge_arg *a, struct px_err *err);

static int judge_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct judge_arg *a = arg;
	int rc;
	a->n = 0;
	if ((rc = contest_load(c, a->id, &a->x, err)))
		return rc;
	if (!programme_is_office(&a->x.p, a->actor))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %lld", (long long)a->id);
	else if (!(rc = programme_require_kind(&a->x.p, TPL_STAGE_APPROVAL, NULL, err)) &&
		 !(rc = store_each(c, &Q_CANDIDATES, candidate_row, a, err, "it", a->id, review_stage(a->x.p.tpl))) &&
		 !(rc = rank_and_apply(c, a, err)))
		rc = board_in(c, a, err);
	contest_release(&a->x);
	return rc;
}

int contest_judge(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		  struct px_err *err)
{
	struct judge_arg a = { .app = app, .actor = actor, .id = programme_id };
	int rc = app_tx_json(app, STORE_TX_WRITE, judge_tx, &a, &a.out, out, err);
	free(a.cands);
	return rc;
}

/* ---- the board ---- */

static json_t *category_of(json_t *cats, const char *code)
{
	json_t *v;
	size_t i;
	json_array_foreach(cats, i, v)
		if (!strcmp(json_string_value(json_object_get(v, "code")), code))
			return v;
	return NULL;
}

static void bump(json_t *o, const char *key)
{
	json_object_set_new(o, key, json_integer(json_integer_value(json_object_get(o, key)) + 1));
}

static int board_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct judge_arg *a = arg;
	json_t *cat = category_of(json_object_get(a->out, "categories"), store_col_text(s, 1)), *prizes, *p;
	json_t *form = json_parse_stored(store_col_text(s, 4));
	const char *state = store_col_text(s, 3), *prize = store_col_text(s, 7), *title;
	int64_t score = store_col_int(s, 5);
	size_t i;
	(void)err;
	if (!cat)
		goto out;
	title = json_string_value(json_object_get(form, "title"));
	bump(cat, "entries");
	if (strcmp(state, "submitted"))
		bump(cat, "in_review");
	if (*prize) {
		bump(cat, "placed");
		prizes = json_object_get(cat, "prizes");
		json_array_foreach(prizes, i, p)
			if (!strcmp(json_string_value(json_object_get(p, "prize")), prize))
				bump(p, "placed");
	}
	json_array_append_new(json_object_get(cat, "list"),
			      json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s?, s:s?, s:I}", "id", (json_int_t)store_col_int(s, 0),
					"title", title ? title : "", "form", store_col_text(s, 2), "state", state, "score",
					score < 0 ? json_null() : json_hundredths(score), "place",
					store_col_int(s, 6) ? json_integer(store_col_int(s, 6)) : json_null(), "prize",
					*prize ? prize : NULL, "prize_name", *prize ? contest_prize_name(&a->x.rules, prize) : NULL,
					"works", (json_int_t)store_col_int(s, 8)));
out:
	json_decref(form);
	return 0;
}

static json_t *board_category(const struct judge_arg *a, int k)
{
	const struct tpl_track *tr = &a->x.p.tpl->tracks[k];
	int counts[CONTEST_PRIZES_MAX] = { 0 };
	json_t *prizes = json_array();
	if (contest_split(a->x.p.tpl, a->x.section, &a->x.rules, k, counts, NULL))
		memset(counts, 0, sizeof(counts));
	for (int i = 0; i < a->x.rules.nprizes; i++)
		json_array_append_new(prizes, json_pack("{s:s, s:s, s:i, s:i}", "prize", a->x.rules.prize_code[i], "name",
							a->x.rules.prize_name[i], "count", counts[i], "placed", 0));
	return json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:o, s:[]}", "code", tr->code, "name", tr->name, "winners",
			 tr->cap, "entries", 0, "in_review", 0, "placed", 0, "prizes", prizes, "list");
}

static int board_in(struct store_conn *c, struct judge_arg *a, struct px_err *err)
{
	const struct tpl_stage *st = programme_stage(&a->x.p);
	json_t *cats = json_array(), *cat;
	bool published = false;
	size_t i;
	int rc;
	for (int k = 0; k < a->x.p.tpl->ntracks; k++)
		json_array_append_new(cats, board_category(a, k));
	if ((rc = contest_published(c, a->id, &published, err))) {
		json_decref(cats);
		return rc;
	}
	a->out = json_pack("{s:I, s:s, s:s?, s:s?, s:o, s:b, s:o}", "programme", (json_int_t)a->id, "title",
			   a->x.p.tpl->title, "stage", st ? st->code : NULL, "stage_kind",
			   st ? template_stage_kind_name(st->kind) : NULL, "bar", json_hundredths(a->x.p.tpl->bar),
			   "published", published, "categories", cats);
	if ((rc = store_each(c, &Q_BOARD, board_row, a, err, "it", a->id, review_stage(a->x.p.tpl))))
		return rc;
	json_array_foreach(cats, i, cat)
		json_object_set_new(cat, "vacant",
				    json_integer(json_integer_value(json_object_get(cat, "winners")) -
						 json_integer_value(json_object_get(cat, "placed"))));
	return 0;
}

static int board_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct judge_arg *a = arg;
	int rc = contest_load(c, a->id, &a->x, err);
	if (rc)
		return rc;
	if (!(a->actor->role == ROLE_OFFICE || a->actor->role == ROLE_LEADER) ||
	    !app_actor_in_region(a->actor, a->x.p.region, NULL))
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "id", "no programme %lld", (long long)a->id);
	else
		rc = board_in(c, a, err);
	contest_release(&a->x);
	return rc;
}

int contest_board(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		  struct px_err *err)
{
	struct judge_arg a = { .app = app, .actor = actor, .id = programme_id };
	return app_tx_json(app, STORE_TX_READ, board_tx, &a, &a.out, out, err);
}

int contest_close_judging(struct app *app, struct store_conn *c, const struct programme *p,
			  const struct tpl_stage *s, struct px_err *err)
{
	int64_t open = 0;
	int rc = store_get(c, &Q_OPEN, err, "i:i", p->id, &open);
	(void)app;
	(void)s;
	if (rc < 0)
		return rc;
	if (open)
		return px_err_set(err, PX_ECONFLICT, "judging_missing", "stage", "%lld entries in review are not judged yet",
				  (long long)open);
	return 0;
}
