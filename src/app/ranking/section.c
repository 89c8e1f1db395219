/*
 * section.c - reading and checking the brand ranking's "section" of its
 * template: weights, panels, Top N, tie-breaks, district contacts (see
 * section.h).
 */
#include "app/ranking/section.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/programme/family.h"
#include "app/programme/programme.h"
#include "app/tx.h"
#include "app/vote/vote.h"

static struct store_sql Q_CONFIG = STORE_SQL("SELECT config FROM programme WHERE id = $1");

static const char *const panel_names[RANKING_NPANELS] = { "promotion", "expert" };

const char *ranking_panel_name(enum ranking_panel p)
{
	return (unsigned)p < RANKING_NPANELS ? panel_names[p] : NULL;
}

int ranking_panel_parse(const char *name)
{
	for (int i = 0; name && i < RANKING_NPANELS; i++)
		if (!strcmp(name, panel_names[i]))
			return i;
	return -1;
}

static int bad(struct px_err *err, const char *field, const char *msg)
{
	return px_err_set(err, PX_EINVAL, "bad_template", field, "%s", msg);
}

/* An integer member lo..hi; required. */
static int get_int(const json_t *o, const char *key, int lo, int hi, const char *field, int *out, struct px_err *err)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		char msg[96];
		snprintf(msg, sizeof(msg), "must be an integer from %d to %d", lo, hi);
		return bad(err, field, msg);
	}
	*out = (int)json_integer_value(v);
	return 0;
}

/* A string member of 1..cap-1 bytes; required. */
static int get_str(const json_t *o, const char *key, char *out, size_t cap, const char *field, struct px_err *err)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) >= cap)
		return bad(err, field, "must be a non-empty string");
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int parse_weights(const json_t *w, struct composite_weights *out, struct px_err *err)
{
	int v, p, e, rc;
	if (!json_is_object(w) || json_object_size(w) != 3)
		return bad(err, "section.weights", "must be {vote, promotion, expert} in per mille");
	if ((rc = get_int(w, "vote", 0, 1000, "section.weights.vote", &v, err)) ||
	    (rc = get_int(w, "promotion", 0, 1000, "section.weights.promotion", &p, err)) ||
	    (rc = get_int(w, "expert", 0, 1000, "section.weights.expert", &e, err)))
		return rc;
	if (v + p + e != 1000)
		return bad(err, "section.weights", "the weights are per mille and must sum to 1000");
	*out = (struct composite_weights){ v, p, e };
	return 0;
}

static int parse_keys(const json_t *arr, struct ranking_section *s, struct px_err *err)
{
	size_t i;
	json_t *v;
	char field[48];

	if (!json_is_array(arr) || !json_array_size(arr) || json_array_size(arr) > COMPOSITE_MAX_KEYS)
		return bad(err, "section.tie_break", "must be an array of 1 to 8 keys");
	json_array_foreach(arr, i, v) {
		snprintf(field, sizeof(field), "section.tie_break[%zu]", i);
		if (composite_key_parse(json_string_value(v), &s->keys[i], NULL))
			return bad(err, field, "unknown tie-break key");
	}
	s->nkeys = json_array_size(arr);
	return 0;
}

static int parse_panel(const json_t *o, enum ranking_panel p, struct ranking_panel_cfg *out, struct px_err *err)
{
	char field[64], role[16];
	size_t i;
	json_t *v, *units;
	int rc;

	snprintf(field, sizeof(field), "section.panels.%s", panel_names[p]);
	if (!json_is_object(o))
		return bad(err, field, "must be an object {title, size, role}");
	snprintf(field, sizeof(field), "section.panels.%s.title", panel_names[p]);
	if ((rc = get_str(o, "title", out->title, sizeof(out->title), field, err)))
		return rc;
	snprintf(field, sizeof(field), "section.panels.%s.size", panel_names[p]);
	if ((rc = get_int(o, "size", 1, 64, field, &out->size, err)))
		return rc;
	snprintf(field, sizeof(field), "section.panels.%s.role", panel_names[p]);
	if ((rc = get_str(o, "role", role, sizeof(role), field, err)))
		return rc;
	if (!strcmp(role, "member"))
		out->role = ROLE_MEMBER;
	else if (!strcmp(role, "expert"))
		out->role = ROLE_EXPERT;
	else
		return bad(err, field, "must be 'member' or 'expert'");
	units = json_object_get(o, "units");
	snprintf(field, sizeof(field), "section.panels.%s.units", panel_names[p]);
	if (!units)
		return 0;
	if (!json_is_array(units) || (int)json_array_size(units) != out->size ||
	    json_array_size(units) > RANKING_MAX_UNITS)
		return bad(err, field, "must name one unit per member of the panel");
	json_array_foreach(units, i, v) {
		if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) >= sizeof(out->units[0]))
			return bad(err, field, "units are non-empty strings");
		memcpy(out->units[i], json_string_value(v), json_string_length(v) + 1);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(out->units[j], out->units[i]))
				return bad(err, field, "a unit is named twice");
	}
	out->nunits = (int)json_array_size(units);
	return 0;
}

static int parse_districts(const json_t *arr, struct ranking_section *s, struct px_err *err)
{
	char field[64];
	size_t i;
	json_t *o;
	int rc;

	if (!json_is_array(arr) || json_array_size(arr) > RANKING_MAX_DISTRICTS)
		return bad(err, "section.districts", "must be an array of at most 32 district bureaus");
	json_array_foreach(arr, i, o) {
		struct ranking_district *d = &s->districts[i];
		snprintf(field, sizeof(field), "section.districts[%zu]", i);
		if (!json_is_object(o))
			return bad(err, field, "must be {region, name, bureau, phone}");
		snprintf(field, sizeof(field), "section.districts[%zu].region", i);
		if ((rc = get_str(o, "region", d->region, sizeof(d->region), field, err)))
			return rc;
		if (strlen(d->region) != 6 || strspn(d->region, "0123456789") != 6)
			return bad(err, field, "must be a six-digit division code");
		snprintf(field, sizeof(field), "section.districts[%zu].name", i);
		if ((rc = get_str(o, "name", d->name, sizeof(d->name), field, err)))
			return rc;
		snprintf(field, sizeof(field), "section.districts[%zu].bureau", i);
		if ((rc = get_str(o, "bureau", d->bureau, sizeof(d->bureau), field, err)))
			return rc;
		snprintf(field, sizeof(field), "section.districts[%zu].phone", i);
		if ((rc = get_str(o, "phone", d->phone, sizeof(d->phone), field, err)))
			return rc;
	}
	s->ndistricts = (int)json_array_size(arr);
	return 0;
}

int ranking_section_parse(const json_t *section, struct ranking_section *s, struct px_err *err)
{
	static const char *const keys[] = { "max_tracks", "top_n", "weights", "aggregation", "tie_break", "panels",
					    "districts", "vote", NULL };
	const char *k, *agg;
	json_t *v, *panels;
	int rc;

	memset(s, 0, sizeof(*s));
	if (!json_is_object(section))
		return bad(err, "section", "the ranking needs its section: weights, panels, top_n, tie_break");
	json_object_foreach((json_t *)section, k, v) {
		bool known = false;
		for (size_t i = 0; keys[i]; i++)
			known = known || !strcmp(keys[i], k);
		if (!known) {
			char field[96];
			snprintf(field, sizeof(field), "section.%.80s", k);
			return bad(err, field, "unknown key");
		}
	}
	if ((rc = get_int(section, "max_tracks", 1, 5, "section.max_tracks", &s->max_tracks, err)) ||
	    (rc = get_int(section, "top_n", 1, 1000, "section.top_n", &s->top_n, err)) ||
	    (rc = parse_weights(json_object_get(section, "weights"), &s->weights, err)) ||
	    (rc = parse_keys(json_object_get(section, "tie_break"), s, err)))
		return rc;
	agg = json_string_value(json_object_get(section, "aggregation"));
	if (!agg || score_method_parse(agg, &s->method, NULL))
		return bad(err, "section.aggregation", "must be 'mean', 'median' or 'trimmed_mean'");
	panels = json_object_get(section, "panels");
	if (!json_is_object(panels) || json_object_size(panels) != RANKING_NPANELS)
		return bad(err, "section.panels", "must be {promotion, expert}");
	for (int p = 0; p < RANKING_NPANELS; p++)
		if ((rc = parse_panel(json_object_get(panels, panel_names[p]), (enum ranking_panel)p, &s->panels[p], err)))
			return rc;
	if ((rc = parse_districts(json_object_get(section, "districts"), s, err)))
		return rc;
	/* the public vote's caps and rules (app/vote/vote.h), published with the vote */
	struct vote_settings vote;
	return vote_settings_parse(json_object_get(section, "vote"), &vote, err);
}

int ranking_section_load(struct store_conn *c, int64_t programme_id, struct ranking_section *out,
			 struct px_err *err)
{
	char *config = NULL;
	int rc = store_get(c, &Q_CONFIG, err, "i:s", programme_id, &config);
	if (rc == STORE_DONE)
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "no programme %lld", (long long)programme_id);
	if (rc < 0)
		goto out;
	json_t *section = family_section(config, strlen(config));
	rc = ranking_section_parse(section, out, err);
	json_decref(section);
out:
	free(config);
	return rc < 0 ? rc : 0;
}

json_t *ranking_section_json(const struct ranking_section *s)
{
	json_t *keys = json_array(), *panels = json_object(), *districts = json_array();
	for (size_t i = 0; i < s->nkeys; i++)
		json_array_append_new(keys, json_string(composite_key_name(s->keys[i])));
	for (int p = 0; p < RANKING_NPANELS; p++) {
		json_t *units = json_array();
		for (int u = 0; u < s->panels[p].nunits; u++)
			json_array_append_new(units, json_string(s->panels[p].units[u]));
		json_object_set_new(panels, panel_names[p],
				    json_pack("{s:s, s:i, s:o}", "title", s->panels[p].title, "size", s->panels[p].size,
					      "units", units));
	}
	for (int d = 0; d < s->ndistricts; d++)
		json_array_append_new(districts, json_pack("{s:s, s:s, s:s, s:s}", "region", s->districts[d].region,
							   "name", s->districts[d].name, "bureau",
							   s->districts[d].bureau, "phone", s->districts[d].phone));
	return json_pack("{s:i, s:i, s:{s:i, s:i, s:i}, s:s, s:o, s:o, s:o}", "max_tracks", s->max_tracks, "top_n",
			 s->top_n, "weights", "vote", s->weights.vote, "promotion", s->weights.promotion, "expert",
			 s->weights.expert, "aggregation", score_method_name(s->method), "tie_break", keys, "panels",
			 panels, "districts", districts);
}

struct rules_arg {
	int64_t id;
	json_t *out;
};

static int rules_tx(struct store_conn *c, void *arg, struct px_err *err)
{
	struct rules_arg *a = arg;
	struct ranking_section sec;
	struct programme p;
	int rc = programme_load(c, a->id, &p, err);
	if (rc)
		return rc;
	if (strcmp(p.tpl->kind, "ranking")) {
		rc = px_err_set(err, PX_ENOTFOUND, NULL, "programme", "programme %lld is not a ranking", (long long)a->id);
		goto out;
	}
	if ((rc = ranking_section_load(c, p.id, &sec, err)))
		goto out;
	json_t *tracks = json_array();
	for (int t = 0; t < p.tpl->ntracks; t++)
		json_array_append_new(tracks, json_pack("{s:s, s:s, s:i}", "code", p.tpl->tracks[t].code, "name",
							p.tpl->tracks[t].name, "cap", p.tpl->tracks[t].cap));
	a->out = ranking_section_json(&sec);
	json_object_update_new(a->out, json_pack("{s:I, s:s, s:o, s:s}", "programme", (json_int_t)p.id, "title",
						 p.tpl->title, "tracks", tracks, "rubric", p.tpl->tracks[0].rubric));
out:
	programme_release(&p);
	return rc;
}

int ranking_rules_json(struct app *app, int64_t programme_id, json_t **out, struct px_err *err)
{
	struct rules_arg a = { programme_id, NULL };
	return app_tx_json(app, STORE_TX_READ, rules_tx, &a, &a.out, out, err);
}
