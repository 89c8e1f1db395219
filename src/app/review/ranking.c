/*
 * ranking.c - final scores and the ranking of the candidates (see
 * ranking.h).
 */
#include "app/review/ranking.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/office.h"
#include "app/input.h"
#include "app/json.h"
#include "app/tx.h"
#include "core/rank.h"
#include "core/score.h"

#define PERSON_APPLICANT (1LL << 40) /* keeps person ids apart from organisation ids */

static struct store_sql Q_CANDIDATES = STORE_SQL(
	"SELECT a.id, a.track_code, coalesce(a.organisation_id, 0), coalesce(a.person_id, 0), "
	"coalesce(a.submitted_at, a.created_at), a.state, coalesce(o.name, p.name, ''), "
	"coalesce(m.score, -1), coalesce(n.score, -1) FROM application a "
	"LEFT JOIN organisation o ON o.id = a.organisation_id LEFT JOIN person p ON p.id = a.person_id "
	"LEFT JOIN stage_result m ON m.application_id = a.id AND m.stage_code = $2 "
	"LEFT JOIN stage_result n ON n.application_id = a.id AND n.stage_code = $3 "
	"WHERE a.programme_id = $1 AND a.state IN ('shortlisted', 'proposed', 'not_proposed', 'winner', 'disqualified') "
	"ORDER BY a.id");
static struct store_sql Q_PROPOSED_LIST = STORE_SQL(
	"SELECT list FROM decision WHERE programme_id = $1 AND kind = 'deliberation' ORDER BY id");

const struct tpl_stage *ranking_review_stage(const struct template *t, int n)
{
	for (int i = 0; i < t->nstages; i++)
		if (t->stages[i].kind == TPL_STAGE_REVIEW && n-- == 0)
			return &t->stages[i];
	return NULL;
}

struct cand {
	int64_t id, material, onsite, final;
	bool vacated; /* proposed, then disqualified: its place stays vacant */
	char state[20];
	char name[160];
};

/*
 * The applications the leadership group proposed (the deliberation's list),
 * as a JSON object keyed by id; empty before the deliberation. A proposed
 * application disqualified afterwards keeps its place in the ranking, vacant
 * (清强市办〔2025〕20号 七(八), 二): nobody moves up into it.
 */
static int load_proposed(struct store_conn *c, int64_t programme_id, json_t *proposed, struct px_err *err)
{
	char *list = NULL;
	int rc = store_get(c, &Q_PROPOSED_LIST, err, "i:s", programme_id, &list);
	json_t *ids = list ? json_loads(list, 0, NULL) : NULL, *v;
	size_t i;
	char key[24];

	json_array_foreach(ids, i, v) {
		snprintf(key, sizeof(key), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		json_object_set_new(proposed, key, json_true());
	}
	json_decref(ids);
	free(list);
	return rc < 0 ? rc : 0;
}

static bool was_proposed(json_t *proposed, int64_t id)
{
	char key[24];
	snprintf(key, sizeof(key), "%" PRId64, id);
	return json_object_get(proposed, key) != NULL;
}

static int load_candidates(struct store_conn *c, const struct programme *p, const char *material,
			   const char *onsite, struct rank_candidate **rc_out, struct cand **info_out, size_t *n,
			   json_t *unscored, struct px_err *err)
{
	struct store_stmt *s;
	struct rank_candidate *rcs = NULL;
	struct cand *info = NULL;
	size_t cap = 0, count = 0;
	json_t *proposed = json_object();
	int rc = load_proposed(c, p->id, proposed, err);

	*rc_out = NULL;
	*info_out = NULL;
	*n = 0;
	if (rc || (rc = store_prepare(c, &Q_CANDIDATES, &s, err))) {
		json_decref(proposed);
		return rc;
	}
	store_bind_int(s, 1, p->id);
	store_bind_text(s, 2, material);
	store_bind_text(s, 3, onsite);
	while ((rc = store_step(s, err)) == STORE_ROW) {
		int64_t m = store_col_int(s, 7), o = store_col_int(s, 8);
		int track = template_track_index(p->tpl, store_col_text(s, 1));
		bool vacated = !strcmp(store_col_text(s, 5), "disqualified");
		if (vacated && !was_proposed(proposed, store_col_int(s, 0)))
			continue; /* disqualified before the proposal: not a candidate */
		if (m < 0 || (onsite[0] && o < 0) || track < 0) {
			json_array_append_new(unscored, json_pack("{s:I, s:s, s:s}", "application",
								  (json_int_t)store_col_int(s, 0), "name",
								  store_col_text(s, 6), "missing",
								  track < 0 ? "track" : m < 0 ? material : onsite));
			continue;
		}
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			void *a = realloc(rcs, ncap * sizeof(*rcs)), *b = a ? realloc(info, ncap * sizeof(*info)) : NULL;
			if (a)
				rcs = a;
			if (b)
				info = b;
			if (!a || !b) {
				rc = px_err_set(err, PX_ENOMEM, NULL, NULL, "out of memory");
				break;
			}
			cap = ncap;
		}
		struct rank_candidate *k = &rcs[count];
		struct cand *ci = &info[count];
		memset(k, 0, sizeof(*k));
		k->id = store_col_int(s, 0);
		k->applicant = store_col_int(s, 2) ? store_col_int(s, 2) : PERSON_APPLICANT | store_col_int(s, 3);
		k->track = (uint32_t)track;
		k->material = m;
		k->onsite = onsite[0] ? o : 0;
		k->submitted_at = store_col_int(s, 4);
		ci->id = k->id;
		ci->material = m;
		ci->onsite = k->onsite;
		ci->vacated = vacated;
		snprintf(ci->state, sizeof(ci->state), "%s", store_col_text(s, 5));
		snprintf(ci->name, sizeof(ci->name), "%s", store_col_text(s, 6));
		count++;
	}
	store_reset(s);
	json_decref(proposed);
	*rc_out = rcs;
	*info_out = info;
	*n = count;
	return rc < 0 ? rc : 0;
}

/*
 * One track of the ranking. A proposed application disqualified afterwards
 * keeps its rank, not placed, with reason "vacated": its place stays vacant.
 */
static json_t *track_json(const struct tpl_track *tt, const struct rank_result *res, uint32_t k,
			  const struct cand *info, bool onsite)
{
	json_t *entries = json_array();
	int placed = 0;

	for (size_t e = res->track_first[k]; e < res->track_first[k + 1]; e++) {
		const struct rank_entry *re = &res->entries[e];
		const struct cand *ci = &info[re->index];
		bool in = re->placed && !ci->vacated;
		placed += in;
		json_array_append_new(entries, json_pack("{s:i, s:I, s:s, s:s, s:o, s:o, s:o, s:b, s:s, s:b, s:b}", "rank",
							 (int)re->rank, "application", (json_int_t)re->id, "name",
							 ci->name, "state", ci->state, "final", json_hundredths(ci->final),
							 "material", json_hundredths(ci->material), "onsite",
							 onsite ? json_hundredths(ci->onsite) : json_null(), "placed", in,
							 "reason", ci->vacated ? "vacated" : rank_reason_name(re->reason),
							 "tie_unbroken", re->tie_unbroken, "vacated", ci->vacated));
	}
	return json_pack("{s:s, s:s, s:i, s:i, s:i, s:o}", "code", tt->code, "name", tt->name, "cap", tt->cap, "placed",
			 placed, "vacant", tt->cap - placed, "entries", entries);
}

int ranking_build(struct store_conn *c, const struct programme *p, json_t **out, struct px_err *err)
{
	const struct template *t = p->tpl;
	const struct tpl_stage *material = ranking_review_stage(t, 0), *onsite = ranking_review_stage(t, 1);
	struct rank_candidate *cands = NULL;
	struct cand *info = NULL;
	struct rank_result res = { 0 };
	enum rank_key keys[TPL_MAX_TIE_KEYS];
	uint32_t caps[TPL_MAX_TRACKS];
	json_t *unscored = json_array(), *tracks = json_array(), *tie = json_array();
	size_t n = 0;
	int rc;

	*out = NULL;
	if (!material) {
		rc = px_err_set(err, PX_EINTERNAL, "no_review_stage", "stages", "the template has no review stage");
		goto out;
	}
	if ((rc = load_candidates(c, p, material->code, onsite ? onsite->code : "", &cands, &info, &n, unscored, err)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct score_part parts[2] = { { cands[i].material, t->weight_material },
					       { cands[i].onsite, t->weight_onsite } };
		if (!onsite)
			cands[i].score = cands[i].material;
		else if ((rc = score_combine(parts, 2, &cands[i].score, err)))
			goto out;
		info[i].final = cands[i].score;
	}
	for (int k = 0; k < t->ntie; k++) {
		if ((rc = rank_key_parse(t->tie_break[k], &keys[k], err)))
			goto out;
		json_array_append_new(tie, json_string(t->tie_break[k]));
	}
	for (int k = 0; k < t->ntracks; k++)
		caps[k] = (uint32_t)t->tracks[k].cap;
	struct rank_config cfg = { .ntracks = (uint32_t)t->ntracks, .caps = caps, .bar = t->bar,
				   .applicant_limit = (uint32_t)t->applicant_limit, .keys = keys, .nkeys = (size_t)t->ntie };
	if ((rc = rank_run(cands, n, &cfg, &res, err)))
		goto out;
	for (uint32_t k = 0; k < res.ntracks; k++)
		json_array_append_new(tracks, track_json(&t->tracks[k], &res, k, info, onsite != NULL));
	*out = json_pack("{s:{s:{s:s, s:i, s:s?, s:i}, s:o, s:O, s:i}, s:O, s:O}", "rule", "weights", "material",
			 material->code, "material_permille", onsite ? t->weight_material : 1000, "onsite",
			 onsite ? onsite->code : NULL, "onsite_permille", onsite ? t->weight_onsite : 0, "bar",
			 json_hundredths(t->bar), "tie_break", tie, "applicant_limit", t->applicant_limit, "tracks",
			 tracks, "unscored", unscored);
out:
	rank_result_release(&res);
	free(cands);
	free(info);
	json_decref(unscored);
	json_decref(tracks);
	json_decref(tie);
	return rc;
}

struct view_arg {
	const struct app_actor *actor;
	int64_t id;
	json_t *out;
};

static int view_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct view_arg *v = arg;
	struct programme p;
	const char *deliberation = NULL;
	int rc = programme_load(c, v->id, &p, err);

	if (rc)
		return rc;
	if (!programme_is_office(&p, v->actor) && !programme_is_leader(&p, v->actor)) {
		rc = px_err_set(err, PX_EFORBIDDEN, NULL, "programme", "the ranking is for the office and the leadership group");
		goto out;
	}
	for (int i = 0; i < p.tpl->nstages; i++)
		if (p.tpl->stages[i].kind == TPL_STAGE_DELIBERATION)
			deliberation = p.tpl->stages[i].code;
	if (!deliberation || !programme_reached(&p, deliberation)) {
		rc = px_err_set(err, PX_ECONFLICT, "ranking_not_ready", "stage",
				"the ranking is made when the programme reaches its deliberation stage");
		goto out;
	}
	if ((rc = ranking_build(c, &p, &v->out, err)))
		goto out;
	json_object_set_new(v->out, "programme", json_integer(p.id));
out:
	programme_release(&p);
	return rc;
}

int ranking_json(struct app *app, const struct app_actor *actor, int64_t programme_id, json_t **out,
		 struct px_err *err)
{
	struct view_arg v = { actor, programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, view_tx, &v, &v.out, out, err);
}
