/*
 * publish.c - the composite of the brand ranking from the vote counts and
 * the two panels' scores, and the publication of the five lists (see
 * publish.h).
 */
#include "app/ranking/publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/json.h"
#include "app/programme/notice.h"
#include "app/programme/family.h"
#include "app/programme/office.h"
#include "app/programme/programme.h"
#include "app/ranking/panel.h"
#include "app/ranking/section.h"
#include "app/tx.h"
#include "core/composite.h"

static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT t.application_id, t.track_code, a.submitted_at, o.name, a.form, r.name FROM ranking_track t "
	"JOIN application a ON a.id = t.application_id JOIN organisation o ON o.id = a.organisation_id "
	"JOIN region r ON r.code = a.region WHERE t.programme_id = $1 AND a.state = 'submitted' "
	"ORDER BY t.track_code, t.application_id");
static struct store_sql Q_RESULT = STORE_SQL(
	"INSERT INTO ranking_result (programme_id, track_code, application_id, votes, vote_score, promotion, expert, "
	"score, rank, placed, notice_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)");
static struct store_sql Q_PUBLISHED = STORE_SQL("SELECT count(*) FROM ranking_result WHERE programme_id = $1");
static struct store_sql Q_SET_NOTICE = STORE_SQL(
	"UPDATE ranking_result SET notice_id = $1 WHERE programme_id = $2 AND track_code = $3");
static struct store_sql Q_LISTS = STORE_SQL(
	"SELECT x.track_code, x.application_id, x.votes, x.vote_score, x.promotion, x.expert, x.score, x.rank, "
	"coalesce(x.notice_id, 0), o.name, a.form, r.name, coalesce(n.starts_on, '') FROM ranking_result x "
	"JOIN application a ON a.id = x.application_id JOIN organisation o ON o.id = a.organisation_id "
	"JOIN region r ON r.code = a.region LEFT JOIN notice n ON n.id = x.notice_id "
	"WHERE x.programme_id = $1 AND x.placed = 1 "
	"ORDER BY x.track_code, x.rank, x.application_id");

static struct store_sql Q_DISTRICTS = STORE_SQL(
	"SELECT a.region, r.name, count(DISTINCT x.application_id) FROM ranking_result x "
	"JOIN application a ON a.id = x.application_id JOIN region r ON r.code = a.region "
	"WHERE x.programme_id = $1 AND x.placed = 1 GROUP BY a.region, r.name ORDER BY a.region");

struct board {
	struct composite_entry *e;
	size_t n, cap;
	json_t *info; /* {"<id>": {name, brand, district}} */
	const struct template *tpl;
};

static int candidate_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	struct board *b = arg;
	char key[24];
	int t = template_track_index(b->tpl, store_col_text(s, 1));
	if (t < 0)
		return 0; /* a track the template no longer has cannot rank */
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct composite_entry *e = realloc(b->e, cap * sizeof(*e));
		if (!e)
			return px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		b->e = e;
		b->cap = cap;
	}
	b->e[b->n++] = (struct composite_entry){ .id = store_col_int(s, 0), .track = (uint32_t)t,
						  .submitted_at = store_col_int(s, 2) };
	snprintf(key, sizeof(key), "%lld", (long long)store_col_int(s, 0));
	if (!json_object_get(b->info, key)) {
		json_t *form = json_parse_stored(store_col_text(s, 4));
		json_object_set_new(b->info, key, json_pack("{s:s, s:O, s:s}", "name", store_col_text(s, 3), "brand",
							    json_object_get(form, "brand") ?: json_null(), "district",
							    store_col_text(s, 5)));
		json_decref(form);
	}
	return 0;
}

static int64_t lookup(const int64_t *ids, const int64_t *scores, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return scores[mid];
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int panel_scores(struct store_conn *c, const struct programme *p, struct board *b, struct px_err *err)
{
	for (int k = 0; k < RANKING_NPANELS; k++) {
		int64_t *ids = NULL, *scores = NULL;
		size_t n = 0;
		int rc = ranking_panel_scores(c, p, k, &ids, &scores, &n, err);
		if (rc)
			return rc;
		for (size_t i = 0; i < b->n; i++) {
			int64_t v = lookup(ids, scores, n, b->e[i].id);
			if (k == RANKING_PROMOTION)
				b->e[i].promotion = v;
			else
				b->e[i].expert = v;
		}
		free(ids);
		free(scores);
	}
	return 0;
}

/* The counts of each track's candidates (entries are grouped by track code, so by track). */
static int vote_counts(struct store_conn *c, const struct programme *p, ranking_votes_fn votes, struct board *b,
		       struct px_err *err)
{
	int64_t *ids = malloc((b->n + 1) * sizeof(*ids)), *counts = malloc((b->n + 1) * sizeof(*counts));
	int rc = 0;
	if (!ids || !counts) {
		rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < b->n;) {
		size_t j = i;
		while (j < b->n && b->e[j].track == b->e[i].track) {
			ids[j - i] = b->e[j].id;
			j++;
		}
		if ((rc = votes(c, p->id, p->tpl->tracks[b->e[i].track].code, ids, j - i, counts, err)))
			goto out;
		for (size_t k = i; k < j; k++)
			b->e[k].votes = counts[k - i];
		i = j;
	}
out:
	free(ids);
	free(counts);
	return rc;
}

static int compute(struct store_conn *c, const struct programme *p, const struct ranking_section *sec,
		   ranking_votes_fn votes, struct board *b, struct px_err *err)
{
	struct composite_config cfg = { (uint32_t)p->tpl->ntracks, (uint32_t)sec->top_n, sec->weights, sec->keys,
					sec->nkeys };
	int rc;
	b->tpl = p->tpl;
	b->info = json_object();
	if ((rc = store_each(c, &Q_CANDIDATES, candidate_row, b, err, "i", p->id)) < 0 ||
	    (rc = vote_counts(c, p, votes, b, err)) || (rc = panel_scores(c, p, b, err)))
		return rc;
	return composite_compute(&cfg, b->e, b->n, err);
}

static void board_free(struct board *b)
{
	free(b->e);
	json_decref(b->info);
}

static json_t *entry_json(const struct board *b, const struct composite_entry *e)
{
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)e->id);
	json_t *o = json_deep_copy(json_object_get(b->info, key));
	json_object_update_new(o, json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:i, s:b, s:b}", "application",
					    (json_int_t)e->id, "votes", (json_int_t)e->votes, "vote_score",
					    json_hundredths(e->vote_score), "promotion", json_hundredths(e->promotion),
					    "expert", json_hundredths(e->expert), "score", json_hundredths(e->score),
					    "rank", (int)e->rank, "tied", e->tied, "placed", e->placed));
	return o;
}

static json_t *weights_json(const struct ranking_section *sec)
{
	return json_pack("{s:i, s:i, s:i}", "vote", sec->weights.vote, "promotion", sec->weights.promotion, "expert",
			 sec->weights.expert);
}

static json_t *board_json(const struct programme *p, const struct ranking_section *sec, const struct board *b)
{
	json_t *tracks = json_array(), *keys = json_array();
	for (size_t k = 0; k < sec->nkeys; k++)
		json_array_append_new(keys, json_string(composite_key_name(sec->keys[k])));
	for (int t = 0; t < p->tpl->ntracks; t++) {
		json_t *cands = json_array();
		for (size_t i = 0; i < b->n; i++)
			if (b->e[i].track == (uint32_t)t)
				json_array_append_new(cands, entry_json(b, &b->e[i]));
		json_array_append_new(tracks, json_pack("{s:s, s:s, s:o}", "code", p->tpl->tracks[t].code, "name",
							p->tpl->tracks[t].name, "candidates", cands));
	}
	return json_pack("{s:I, s:o, s:i, s:o, s:o}", "programme", (json_int_t)p->id, "weights", weights_json(sec),
			 "top_n", sec->top_n, "tie_break", keys, "tracks", tracks);
}

struct pub_arg {
	struct app *app;
	const struct app_actor *actor;
	int64_t id;
	ranking_votes_fn votes;
	json_t *out;
};

static int composite_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct pub_arg *a = arg;
	struct ranking_section sec;
	struct board b = { 0 };
	struct programme p;
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		goto out;
	if (!programme_is_office(&p, a->actor) && !programme_is_leader(&p, a->actor)) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)a->id);
		goto out;
	}
	if ((rc = ranking_section_load(c, p.id, &sec, err)) || (rc = compute(c, &p, &sec, a->votes, &b, err)))
		goto out;
	a->out = board_json(&p, &sec, &b);
out:
	board_free(&b);
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_composite_json(struct app *app, const struct app_actor *actor, int64_t programme_id,
			   ranking_votes_fn votes, json_t **out, struct px_err *err)
{
	struct pub_arg a = { app, actor, programme_id, votes, NULL };
	return app_tx_json(app, STORE_TX_READ, composite_tx, &a, &a.out, out, err);
}

static int store_results(struct store_conn *c, const struct programme *p, const struct board *b, struct px_err *err)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct composite_entry *e = &b->e[i];
		int rc = store_run(c, &Q_RESULT, err, "itiiiiiiii", p->id, p->tpl->tracks[e->track].code, e->id,
				   e->votes, e->vote_score, e->promotion, e->expert, e->score, (int64_t)e->rank,
				   (int64_t)e->placed);
		if (rc)
			return rc;
	}
	return 0;
}

/* One notice per track, listing its placed candidates: 《title》榜单（track）, the stage's working days. */
static int publish_notices(struct pub_arg *a, struct store_conn *c, const struct programme *p,
			   const struct tpl_stage *st, const struct board *b, struct px_err *err)
{
	int rc = 0;
	for (int t = 0; t < p->tpl->ntracks && !rc; t++) {
		json_t *list = json_array(), *notice = NULL;
		for (size_t i = 0; i < b->n; i++)
			if (b->e[i].track == (uint32_t)t && b->e[i].placed) {
				json_t *o = entry_json(b, &b->e[i]);
				json_object_del(o, "tied");
				json_object_del(o, "placed");
				json_array_append_new(list, o);
			}
		struct notice_spec ns = { .p = p, .st = st, .title_key = "notice.publication",
					  .title_suffix = p->tpl->tracks[t].name, .list = list };
		if (!(rc = notice_issue(a->app, c, a->actor, &ns, &notice, err)))
			rc = store_run(c, &Q_SET_NOTICE, err, "iit", (int64_t)json_integer_value(json_object_get(notice, "id")),
				       p->id, p->tpl->tracks[t].code);
		json_decref(notice);
		json_decref(list);
	}
	return rc;
}

static int publish_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct pub_arg *a = arg;
	struct ranking_section sec;
	struct board b = { 0 };
	struct programme p;
	const struct tpl_stage *st;
	int64_t done = 0;
	int rc = programme_load_office(c, a->actor, a->id, &p, err);

	if (rc || (rc = programme_require_kind(&p, TPL_STAGE_PUBLICATION, &st, err)) ||
	    (rc = store_get(c, &Q_PUBLISHED, err, "i:i", p.id, &done)) < 0)
		goto out;
	if (done) {
		rc = px_err_set(err, PX_ECONFLICT, "already_published", "programme", "the lists are published already");
		goto out;
	}
	if ((rc = ranking_section_load(c, p.id, &sec, err)) || (rc = compute(c, &p, &sec, a->votes, &b, err)) ||
	    (rc = store_results(c, &p, &b, err)) || (rc = publish_notices(a, c, &p, st, &b, err)))
		goto out;
	rc = audit_record(c, a->actor, "ranking.publish", "programme", p.id,
			  json_pack("{s:I, s:o}", "candidates", (json_int_t)b.n, "weights", weights_json(&sec)), err);
out:
	board_free(&b);
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_publish(struct app *app, const struct app_actor *actor, int64_t programme_id, ranking_votes_fn votes,
		    json_t **out, struct px_err *err)
{
	struct pub_arg a = { app, actor, programme_id, votes, NULL };
	int rc = app_tx(app, STORE_TX_WRITE, publish_tx, &a, err);
	return rc ? rc : ranking_lists_json(app, programme_id, out, err);
}

struct lists_arg {
	int64_t id;
	json_t *out;
};

static int lists_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	json_t *tracks = arg, *tr = NULL, *x;
	size_t i;
	(void)err;
	json_array_foreach(tracks, i, x)
		if (!strcmp(json_string_value(json_object_get(x, "code")), store_col_text(s, 0)))
			tr = x;
	if (!tr)
		return 0;
	json_object_set_new(tr, "notice", json_integer(store_col_int(s, 8)));
	json_object_set_new(tr, "published_on", json_string(store_col_text(s, 12)));
	json_t *form = json_parse_stored(store_col_text(s, 10));
	json_array_append_new(json_object_get(tr, "entries"),
			      json_pack("{s:i, s:I, s:s, s:O, s:s, s:I, s:o, s:o, s:o, s:o}", "rank",
					(int)store_col_int(s, 7), "application", (json_int_t)store_col_int(s, 1), "name",
					store_col_text(s, 9), "brand", json_object_get(form, "brand") ?: json_null(),
					"district", store_col_text(s, 11), "votes", (json_int_t)store_col_int(s, 2),
					"vote_score", json_hundredths(store_col_int(s, 3)), "promotion",
					json_hundredths(store_col_int(s, 4)), "expert", json_hundredths(store_col_int(s, 5)),
					"score", json_hundredths(store_col_int(s, 6))));
	json_decref(form);
	return 0;
}

/* Placed brands per district (a brand placed in two tracks counts once): the data of the brand map. */
static int district_row(struct store_stmt *s, void *arg, struct px_err *err)
{
	(void)err;
	json_array_append_new(arg, json_pack("{s:s, s:s, s:I}", "region", store_col_text(s, 0), "name",
					     store_col_text(s, 1), "brands", (json_int_t)store_col_int(s, 2)));
	return 0;
}

static int lists_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct lists_arg *a = arg;
	struct ranking_section sec;
	struct programme p;
	int64_t done = 0;
	int rc = programme_load(c, a->id, &p, err);
	if (rc || (rc = store_get(c, &Q_PUBLISHED, err, "i:i", p.id, &done)) < 0)
		goto out;
	if (!done || strcmp(p.tpl->kind, "ranking")) {
		rc = px_err_set(err, PX_ECONFLICT, "not_published", "programme", "the lists are not published yet");
		goto out;
	}
	if ((rc = ranking_section_load(c, p.id, &sec, err)))
		goto out;
	json_t *tracks = json_array();
	for (int t = 0; t < p.tpl->ntracks; t++)
		json_array_append_new(tracks, json_pack("{s:s, s:s, s:i, s:[]}", "code", p.tpl->tracks[t].code, "name",
							p.tpl->tracks[t].name, "top_n", sec.top_n, "entries"));
	if ((rc = store_each(c, &Q_LISTS, lists_row, tracks, err, "i", p.id)) < 0) {
		json_decref(tracks);
		goto out;
	}
	json_t *districts = json_array();
	if ((rc = store_each(c, &Q_DISTRICTS, district_row, districts, err, "i", p.id)) < 0) {
		json_decref(tracks);
		json_decref(districts);
		goto out;
	}
	a->out = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:s, s:s}}", "programme", (json_int_t)p.id,
			   "region", p.region, "title", p.tpl->title, "organiser", p.tpl->organiser, "weights", weights_json(&sec), "tracks", tracks,
			   "districts", districts, "map", "subtitle", family_text(p.tpl, "map.subtitle"), "legend",
			   family_text(p.tpl, "map.legend"));
out:
	programme_release(&p);
	return rc < 0 ? rc : 0;
}

int ranking_lists_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct lists_arg a = { programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, lists_tx, &a, &a.out, out, err);
}
